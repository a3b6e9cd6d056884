"""`signpost serve` as a contributor uses it (SPEC sections 3 and 13): the real binary on a free
port, serving a copy of the search fixture hub under /hub/, rebuilding as files change.

Every wait here polls with a deadline; none asserts how fast anything is (that is `make bench`).
"""

from __future__ import annotations

import http.client
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from test_accessibility import check_axe

FIXTURE = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "search-hub"
DEADLINE_S = 15
PAGE = "content/networks/carer-network.md"
PAGE_URL = "/hub/networks/carer-network/"


class Server:
    """A running `signpost serve`; its standard error is collected line by line."""

    def __init__(self, binary: Path, hub: Path, *args: str):
        self.hub = hub
        self.process = subprocess.Popen(
            [str(binary), "serve", "--source", str(hub), "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line(r"Serving at (http://\S+)")
        match = re.search(r"Serving at http://([^/:]+|\[[^\]]+\]):(\d+)(/\S*)", line)
        assert match, line
        self.host, self.port, self.base = match[1], int(match[2]), match[3]

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str) -> str:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    pytest.fail(f"serve exited ({self.process.returncode}):\n" + "\n".join(self.log), pytrace=False)
                continue
            self.log.append(line)
            if re.search(pattern, line):
                return line
        pytest.fail(f"serve never printed /{pattern}/:\n" + "\n".join(self.log), pytrace=False)

    def request(self, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            for name, value in sent.items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def wait_for(self, path: str, predicate, what: str) -> str:
        deadline = time.monotonic() + DEADLINE_S
        body = ""
        while time.monotonic() < deadline:
            status, _, body = self.request(path)
            if predicate(body):
                return body
            time.sleep(0.05)
        pytest.fail(f"{what}: {path} never changed; log:\n" + "\n".join(self.log), pytrace=False)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def hub(tmp_path) -> Path:
    copy = tmp_path / "hub"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture
def server(signpost_bin, hub):
    running = Server(signpost_bin, hub)
    yield running
    running.stop()


def edit(hub: Path, rel: str, old: str, new: str) -> None:
    path = hub / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- serving ---------------------------------------------------------------------------------


def test_serves_the_site_at_its_base_path_with_content_types(server):
    assert server.base == "/hub/"
    status, headers, body = server.request("/hub/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Search Test Hub</h1>" in body
    for path, kind in [
        ("/hub/assets/signpost.css", "text/css; charset=utf-8"),
        ("/hub/assets/signpost.js", "text/javascript; charset=utf-8"),
        ("/hub/search.json", "application/json"),
        ("/hub/sitemap.xml", "application/xml"),
        ("/hub/feed.xml", "application/atom+xml"),
    ]:
        status, headers, _ = server.request(path)
        assert (status, headers["content-type"]) == (200, kind), path
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in headers["content-security-policy"]

    status, headers, _ = server.request("/hub/training")
    assert status == 301 and headers["location"] == "/hub/training/"
    status, headers, _ = server.request("/hub/search?q=peer&region=wa")
    assert status == 301 and headers["location"] == "/hub/search/?q=peer&region=wa", "the query is kept"
    status, headers, _ = server.request("/")
    assert status == 301 and headers["location"] == "/hub/"
    status, _, body = server.request("/hub/no-such-page/")
    assert status == 404 and "Page not found" in body
    status, headers, body = server.request("/hub/", method="HEAD")
    assert status == 200 and body == ""


@pytest.mark.parametrize(
    "path",
    [
        "/hub/../signpost.yml",
        "/hub/%2e%2e/signpost.yml",
        "/hub/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/hub/..%2fsignpost.yml",
        "/hub/..%2f..%2fetc%2fpasswd",
        "/hub/..\\signpost.yml",
        "/hub/..%5csignpost.yml",
        "/hub/%00",
        "/hub/training/%00index.html",
        "/../../etc/passwd",
        "/hub/content/networks/carer-network.md",
        "/signpost.yml",
        "/hub/assets/",
        "/hub/leave/",
    ],
)
def test_nothing_but_the_site_can_be_reached(server, path):
    status, _, body = server.request(path)
    assert status in (404, 301) and "networks:" not in body and "root:" not in body, (path, status)
    if status == 301:
        pytest.fail(f"{path} redirected instead of 404")


def test_foreign_host_headers_and_origins_are_refused(server):
    # An address is fine (another device reaching a --host 0.0.0.0 preview sends one); a name
    # other than localhost is what DNS rebinding sends.
    status, _, _ = server.request("/hub/", headers={"Host": f"192.168.1.20:{server.port}"})
    assert status == 200
    status, _, _ = server.request("/hub/", headers={"Host": "evil.example"})
    assert status == 403, "a DNS-rebinding Host header must be refused"
    status, _, _ = server.request("/hub/", headers={"Host": f"localhost:{server.port}"})
    assert status == 200
    status, _, _ = server.request("/__signpost/events", headers={"Origin": "http://evil.example"})
    assert status == 403, "the reload channel must refuse other origins"


def test_the_reload_script_is_there_only_when_serving(server, run_signpost, hub, tmp_path):
    _, _, served = server.request(PAGE_URL)
    assert re.search(r'<script src="/__signpost/live.js" data-version="\d+" defer></script>', served)
    status, headers, script = server.request("/__signpost/live.js")
    assert status == 200 and "EventSource" in script

    out = tmp_path / "built"
    result = run_signpost(["build", "--source", hub, "--output", out])
    assert result.returncode == 0, result.stderr
    for file in out.rglob("*"):
        if file.is_file():
            assert b"__signpost" not in file.read_bytes(), f"{file} has serve's additions"


# --- rebuilding -------------------------------------------------------------------------------


def test_an_edit_is_served_and_reported(server, hub):
    edit(hub, PAGE, "Bring a friend.", "Bring a friend and a thermos.")
    body = server.wait_for(PAGE_URL, lambda b: "a thermos" in b, "editing the body")
    assert "quokka" in body
    line = server.wait_for_line(r"Updated content/networks/carer-network\.md in \d+ ms")
    assert line

    # A change to the front matter rebuilds everything: the new title is in the lists too.
    edit(hub, PAGE, "title: Carer peer network", "title: Carer peer circle")
    server.wait_for("/hub/networks/", lambda b: "Carer peer circle" in b, "renaming a page")
    server.wait_for_line(r"Rebuilt the site \(content/networks/carer-network\.md changed\)")

    # A new page appears, and its section lists it.
    (hub / "content/networks/new-group.md").write_text(
        "---\ntitle: A brand new group\nregion: wa\n---\nHello.\n", encoding="utf-8"
    )
    server.wait_for("/hub/networks/new-group/", lambda b: "A brand new group" in b, "adding a page")
    server.wait_for("/hub/region/wa/", lambda b: "A brand new group" in b, "the term page")


def test_a_broken_edit_shows_its_errors_and_the_server_recovers(server, hub):
    edit(hub, PAGE, "audience: carer-workers", "audience: carers")
    body = server.wait_for(PAGE_URL, lambda b: "signpost-errors" in b, "a bad audience")
    assert 'role="alert"' in body
    assert "content/networks/carer-network.md:4:11" in body
    assert "did you mean &#39;carer-workers&#39;?" in body
    # Every page shows it, and still has the last good content below.
    _, _, home = server.request("/hub/")
    assert "signpost-errors" in home and "<h1>Search Test Hub</h1>" in home
    server.wait_for_line(r"errors above show on every page")

    edit(hub, PAGE, "audience: carers", "audience: carer-workers")
    server.wait_for(PAGE_URL, lambda b: "signpost-errors" not in b, "fixing the audience")

    # A series of broken edits, including an unreadable config, never stops the server.
    config = hub / "signpost.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text("title: [unclosed\n", encoding="utf-8")
    server.wait_for("/hub/", lambda b: "signpost-errors" in b, "breaking the config")
    (hub / PAGE).write_bytes(b"---\ntitle: \xff\n---\n")
    time.sleep(0.3)
    config.write_text(good, encoding="utf-8")
    server.wait_for("/hub/", lambda b: "signpost-errors" in b and "not UTF-8" in b, "the non-UTF-8 page")
    (hub / PAGE).write_text("---\ntitle: Carer peer network\naudience: carer-workers\n---\nRestored.\n", encoding="utf-8")
    server.wait_for(PAGE_URL, lambda b: "Restored." in b and "signpost-errors" not in b, "restoring everything")
    assert server.process.poll() is None


def test_a_hub_that_never_built_shows_only_its_errors(signpost_bin, hub):
    (hub / "content/networks/carer-network.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    running = Server(signpost_bin, hub)
    try:
        status, _, body = running.request("/anything/")
        assert status == 500 and "The hub has 1 error" in body and "invalid YAML" in body
        (hub / "content/networks/carer-network.md").write_text("---\ntitle: Fixed\n---\nOK.\n", encoding="utf-8")
        running.wait_for("/hub/networks/carer-network/", lambda b: "Fixed" in b, "fixing the only error")
    finally:
        running.stop()


def test_listening_beyond_this_computer_warns(signpost_bin, hub):
    process = subprocess.Popen(
        [str(signpost_bin), "serve", "--source", str(hub), "--port", "0", "--host", "0.0.0.0"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stderr.readline()
        assert first.startswith("warning: listening on 0.0.0.0"), first
    finally:
        process.kill()
        process.wait(timeout=10)


# --- in the browser ---------------------------------------------------------------------------


def test_open_pages_reload_after_an_edit_and_show_errors_accessibly(browser, server, hub):
    url = f"http://127.0.0.1:{server.port}{PAGE_URL}"
    browser.get(url)
    WebDriverWait(browser, DEADLINE_S).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    browser.execute_script("window.__notReloaded = true;")
    time.sleep(0.5)  # the event stream connects and receives the current version

    # Read in one script call each time: the page may reload between two WebDriver calls.
    def main_text(d):
        return d.execute_script("const m = document.querySelector('main'); return m ? m.textContent : '';")

    edit(hub, PAGE, "Bring a friend.", "Bring a friend and a flask.")
    WebDriverWait(browser, DEADLINE_S).until(lambda d: "a flask" in main_text(d))
    assert browser.execute_script("return window.__notReloaded === undefined;"), "the page was not reloaded"

    time.sleep(0.5)
    edit(hub, PAGE, "audience: carer-workers", "audience: carers")
    overlay = """
        const e = document.querySelector('.signpost-errors');
        return e && document.readyState === 'complete' ? {role: e.getAttribute('role'), text: e.textContent} : null;
    """
    WebDriverWait(browser, DEADLINE_S).until(lambda d: d.execute_script(overlay))
    alert = browser.execute_script(overlay)
    assert alert["role"] == "alert"
    assert "carer-network.md:4:11" in alert["text"]
    check_axe(browser, PAGE_URL + " (with errors)", "desktop")

    time.sleep(0.5)
    edit(hub, PAGE, "audience: carers", "audience: carer-workers")
    WebDriverWait(browser, DEADLINE_S).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && !document.querySelector('.signpost-errors');")
    )
