"""Shared fixtures for Signpost's Python test layer.

Run with `.venv/bin/pytest -q tests/python` after `scripts/install-test-deps.sh`.

Nothing here touches the network: Selenium is given the system chromedriver (so Selenium
Manager never runs), Chromium resolves no host but 127.0.0.1, and the built site is served
from a local http.server.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import subprocess
import threading
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pytest

# Must be set before Selenium is used: no usage statistics are sent anywhere.
os.environ["SE_AVOID_STATS"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

DESKTOP = (1280, 900)
PHONE = (390, 844)

MINIMAL_CONFIG = "title: Test Hub\nbase_url: https://example.org/\n"

# A build of a small hub takes well under a second; this only stops a hung process.
SIGNPOST_TIMEOUT = 120


# --- the binary and hubs --------------------------------------------------------------------


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def signpost_bin(repo_root: Path) -> Path:
    path = Path(os.environ.get("SIGNPOST_BIN") or repo_root / ".build" / "debug" / "signpost").resolve()
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"signpost binary not found at {path}: run `swift build` in {repo_root} "
            "or set SIGNPOST_BIN to the binary's path",
            pytrace=False,
        )
    return path


def write_hub(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Writes a hub under `root`: `files` maps paths relative to the hub (e.g.
    "content/a.md") to their text (written as UTF-8 exactly as given) or bytes.
    A minimal signpost.yml is added unless `files` has one. Returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    files = dict(files)
    files.setdefault("signpost.yml", MINIMAL_CONFIG)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            # newline="" so "\n" stays "\n": the tests count lines and columns.
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(data)
    (root / "content").mkdir(exist_ok=True)
    return root


def tree_state(folder: Path) -> dict[str, tuple]:
    """Every folder, file and symbolic link under `folder` (links by target, never followed; files
    by content hash and modification time), to compare before and after something that must leave
    the folder alone."""
    state: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                state[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                state[rel] = ("dir",)
            else:
                state[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return state


@pytest.fixture
def make_hub() -> Callable[[Path, Mapping[str, str | bytes]], Path]:
    """`make_hub(tmp_path, {"content/a.md": "---\\ntitle: A\\n---\\n"})` writes a hub and
    returns its folder."""
    return write_hub


def run_signpost_bin(
    binary: Path, args: Sequence[str | os.PathLike], cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), *map(str, args)],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SIGNPOST_TIMEOUT,
    )


@pytest.fixture(scope="session")
def run_signpost(signpost_bin: Path):
    """`run_signpost(["build", "--source", hub], cwd=None)` returns the CompletedProcess
    (text stdout and stderr)."""
    return functools.partial(run_signpost_bin, signpost_bin)


@pytest.fixture(scope="session")
def sample_site(signpost_bin: Path, repo_root: Path, tmp_path_factory) -> Path:
    """The repository's sample hub, built once per session into a temporary folder (the
    committed site/ is never touched)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run_signpost_bin(signpost_bin, ["build", "--source", repo_root, "--output", out])
    if result.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(
            f"building the sample hub failed (exit {result.returncode}):\n{result.stderr}",
            pytrace=False,
        )
    return out


def site_html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


# --- serving the built site -------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serves `directory` over HTTP on 127.0.0.1 (a free port) while the block runs; yields the
    base URL with no trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(sample_site: Path):
    """Base URL (no trailing slash) of the sample site served over HTTP on 127.0.0.1; the
    pages use root-relative URLs such as /assets/signpost.css, so file:// will not do."""
    with serve(sample_site) as url:
        yield url


# --- the browser ----------------------------------------------------------------------------


def set_viewport(driver, width: int, height: int) -> None:
    """Makes the page's layout viewport exactly width x height CSS pixels. A narrow width
    (PHONE) emulates a phone: touch-size viewport, `<meta name=viewport>` honoured."""
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": width < 600,
        },
    )


def use_phone(driver) -> None:
    set_viewport(driver, *PHONE)


def use_desktop(driver) -> None:
    set_viewport(driver, *DESKTOP)


def start_chrome(extra_args: Sequence[str] = (), prefs: Mapping[str, object] | None = None):
    """Starts headless Chromium with the system chromedriver, at DESKTOP size. Every session
    gets the same network lock-down (no host but 127.0.0.1 resolves); `extra_args` and `prefs`
    add Chromium switches and profile preferences (e.g. to turn JavaScript off). The caller
    quits the driver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists():
            pytest.fail(f"{tool} is missing: run scripts/install-test-deps.sh", pytrace=False)

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        # No request may leave this machine: every host but the local server fails to resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--lang=en-AU",
        *extra_args,
    ):
        options.add_argument(arg)
    if prefs:
        options.add_experimental_option("prefs", dict(prefs))

    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)
        use_desktop(driver)
    except BaseException:
        driver.quit()
        raise
    return driver


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by the system chromedriver, at DESKTOP size; use
    `use_phone(browser)` / `use_desktop(browser)` / `set_viewport(...)` to resize."""
    driver = start_chrome()
    try:
        yield driver
    finally:
        driver.quit()
