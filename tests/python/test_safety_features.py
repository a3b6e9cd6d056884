"""The default theme's safety features in a real browser (SPEC sections 8 and 9): quick exit (a
plain link without JavaScript; with JavaScript it replaces the history entry and answers Shift
pressed three times), leave-site notice pages, the "Browsing safely" page and the hidden
"(leaves this site)" text on external links.

Nothing here may reach the internet. Chromium resolves no host but 127.0.0.1 (see conftest.py),
and on top of that, before anything that would leave the local server (a click on Quick exit,
Shift pressed three times), the quick exit link's href is pointed at a page of the local server:
the script reads `exit.href` when it leaves. The "Continue to HOST" link on a notice page is never
followed.
"""

from __future__ import annotations

import html.parser
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DESKTOP, PHONE, set_viewport, start_chrome
from test_accessibility import VIEWPORTS, check_axe, check_skip_link, check_structure

# One page of each kind; None stands for a leave-site notice page, found in the built site.
PAGE_KINDS = {
    "home": "/",
    "section": "/training/",
    "page": "/training/bouverie-centre/",
    "term": "/region/vic/",
    "a-z": "/a-z/",
    "not-found": "/404.html",
    "leave-notice": None,
    "browsing-safely": "/browsing-safely/",
}

HOME = "/"
OTHER_PAGE = "/training/bouverie-centre/"
# Where quick exit is sent instead of the configured (external) URL.
EXITED = "/browsing-safely/?exited"

# The bar must stay within this many CSS pixels of the top of a phone's viewport.
QUICK_EXIT_MAX_BOTTOM = 150
SHIFT_TIMEOUT_S = 5

WAIT_S = 10


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_config(repo_root: Path) -> dict:
    return yaml.safe_load((repo_root / "signpost.yml").read_text(encoding="utf-8")) or {}


@pytest.fixture(scope="module")
def quick_exit_url(site_config: dict) -> str:
    quick_exit = site_config.get("quick_exit") or {}
    assert quick_exit.get("enabled", True) and quick_exit.get("url"), (
        "the sample hub's signpost.yml no longer turns quick exit on with a url"
    )
    return str(quick_exit["url"])


@pytest.fixture(scope="module")
def configured_language(site_config: dict) -> str | None:
    language = site_config.get("language")
    return str(language) if language else None


class _MainLeaveLinks(html.parser.HTMLParser):
    """Collects the hrefs of links to /leave/ pages inside <main>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        href = dict(attrs).get("href") or ""
        if tag == "a" and self.depth and href.startswith("/leave/"):
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "main" and self.depth:
            self.depth -= 1


@pytest.fixture(scope="module")
def leave_link(sample_site: Path) -> tuple[str, str]:
    """(URL path of a content page whose body links to a leave notice, that notice's URL path),
    found in the built sample site: notice ids depend on the content."""
    for file in sorted(sample_site.rglob("index.html")):
        rel = file.parent.relative_to(sample_site).as_posix()
        if rel.startswith("leave/") or rel == "browsing-safely":
            continue
        finder = _MainLeaveLinks()
        finder.feed(file.read_text(encoding="utf-8"))
        finder.close()
        if finder.links:
            page = "/" if rel == "." else f"/{rel}/"
            leave = finder.links[0]
            assert (sample_site / leave.strip("/") / "index.html").is_file(), (
                f"{page} links to {leave}, which was not built"
            )
            return page, leave
    pytest.fail("no page of the built sample hub links to a /leave/<id>/ notice", pytrace=False)


@pytest.fixture(scope="module")
def nojs_browser():
    """A second headless Chromium, with JavaScript turned off (same network lock-down)."""
    driver = start_chrome(["--blink-settings=scriptEnabled=false"])
    try:
        yield driver
    finally:
        driver.quit()


# --- helpers --------------------------------------------------------------------------------


def open_page(driver, site_url: str, path: str) -> None:
    driver.get(site_url + path)
    status = driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n && n.responseStatus !== undefined ? n.responseStatus : 200;"
    )
    assert status == 200, f"{path} answered HTTP {status}: is it still in the sample hub?"


def kind_path(kind: str, leave_link: tuple[str, str]) -> str:
    return PAGE_KINDS[kind] or leave_link[1]


def send_quick_exit_home(driver, site_url: str) -> str:
    """Points the quick exit link at a page of the local server, so that leaving makes no
    request to the internet. Returns that URL."""
    target = site_url + EXITED
    driver.execute_script(
        "document.getElementById('quick-exit').setAttribute('href', arguments[0]);", target
    )
    href = driver.execute_script("return document.getElementById('quick-exit').href;")
    assert href == target, f"could not point quick exit at the local server (href is {href!r})"
    return target


def leave_from_other_page(driver, site_url: str) -> str:
    """At phone size, opens HOME then OTHER_PAGE (so Back has somewhere to go) and points quick
    exit at the local server; returns where quick exit now leads."""
    set_viewport(driver, *PHONE)
    open_page(driver, site_url, HOME)
    open_page(driver, site_url, OTHER_PAGE)
    return send_quick_exit_home(driver, site_url)


def press_shift(driver) -> None:
    ActionChains(driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()


def progress_state(driver) -> dict:
    return driver.execute_script(
        """
        const p = document.querySelector('.quick-exit-progress');
        const s = document.getElementById('quick-exit-status');
        const r = p ? p.getBoundingClientRect() : null;
        return {
            shown: !!p && !p.hidden && r.width > 0 && r.height > 0 &&
                   getComputedStyle(p).display !== 'none',
            dots: p ? p.querySelectorAll('span').length : 0,
            on: p ? p.querySelectorAll('span.on').length : 0,
            status: s ? s.textContent.trim() : null,
        };
        """
    )


def wait_for_url(driver, fragment: str, what: str) -> None:
    try:
        WebDriverWait(driver, WAIT_S).until(EC.url_contains(fragment))
    except Exception:
        pytest.fail(f"{what}: the browser stayed on {driver.current_url}", pytrace=False)


# --- 1. the leave notice page passes the accessibility checks ---------------------------------
# (/browsing-safely/ is in test_accessibility.PAGES.)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_leave_notice_axe_finds_no_violations(browser, site_url, leave_link, viewport):
    set_viewport(browser, *VIEWPORTS[viewport])
    open_page(browser, site_url, leave_link[1])
    check_axe(browser, leave_link[1], viewport)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_leave_notice_skip_link(browser, site_url, leave_link, viewport):
    set_viewport(browser, *VIEWPORTS[viewport])
    open_page(browser, site_url, leave_link[1])
    check_skip_link(browser, leave_link[1])


def test_leave_notice_structure(browser, site_url, leave_link, configured_language):
    set_viewport(browser, *DESKTOP)
    open_page(browser, site_url, leave_link[1])
    check_structure(browser, leave_link[1], configured_language)


# --- 2. quick exit on every kind of page, sticky at phone width -------------------------------


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_quick_exit_is_visible_and_stays_at_the_top(
    browser, site_url, leave_link, quick_exit_url, kind
):
    path = kind_path(kind, leave_link)
    set_viewport(browser, *PHONE)
    open_page(browser, site_url, path)

    exit_link = browser.find_element(By.ID, "quick-exit")
    assert exit_link.is_displayed(), f"Quick exit is not displayed on {path}"
    assert exit_link.tag_name == "a", f"Quick exit on {path} is a <{exit_link.tag_name}>, not a link"
    assert exit_link.get_dom_attribute("href") == quick_exit_url, (
        f"Quick exit on {path} links to {exit_link.get_dom_attribute('href')!r}, "
        f"not to quick_exit.url {quick_exit_url!r}"
    )
    assert "quick exit" in exit_link.text.lower(), f"Quick exit on {path} reads {exit_link.text!r}"

    facts = browser.execute_script(
        """
        const s = document.getElementById('quick-exit-status');
        const p = document.querySelector('.quick-exit-progress');
        const h = document.querySelector('.quick-exit-help');
        return {status: s && s.getAttribute('aria-live'), statusText: s && s.textContent.trim(),
                progressHidden: !p || p.hidden, help: h && h.getAttribute('href')};
        """
    )
    assert facts["status"] == "polite", f"#quick-exit-status on {path} is not an aria-live region"
    assert facts["statusText"] == "", f"#quick-exit-status on {path} starts with text"
    assert facts["progressHidden"], f"the Shift progress dots on {path} show before Shift is pressed"
    assert facts["help"] == "/browsing-safely/", (
        f"the quick exit bar on {path} does not link to /browsing-safely/ ({facts['help']!r})"
    )

    where = """
        const a = document.getElementById('quick-exit');
        const r = a.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {top: r.top, bottom: r.bottom, scrollY: window.scrollY,
                tall: document.documentElement.scrollHeight > innerHeight + 1,
                onTop: !!hit && (hit === a || a.contains(hit))};
    """
    for moment in ("at the top", "after scrolling to the bottom"):
        if moment != "at the top":
            browser.execute_script(
                "window.scrollTo(0, document.documentElement.scrollHeight);"
            )
        at = browser.execute_script(where)
        if moment != "at the top" and at["tall"]:
            assert at["scrollY"] > 0, f"{path} did not scroll"
        assert 0 <= at["top"] and at["bottom"] <= QUICK_EXIT_MAX_BOTTOM, (
            f"Quick exit on {path} is at {at['top']:.0f}-{at['bottom']:.0f} px {moment} at phone "
            f"width, not within the top {QUICK_EXIT_MAX_BOTTOM} px"
        )
        assert at["onTop"], f"Quick exit on {path} is covered by another element {moment}"


# --- 3. without JavaScript: a plain link ------------------------------------------------------


def test_quick_exit_is_a_plain_link_without_javascript(nojs_browser, site_url, quick_exit_url):
    driver = nojs_browser
    set_viewport(driver, *PHONE)
    open_page(driver, site_url, HOME)
    open_page(driver, site_url, OTHER_PAGE)

    exit_link = driver.find_element(By.ID, "quick-exit")
    assert exit_link.is_displayed(), "Quick exit is not displayed without JavaScript"
    assert exit_link.get_dom_attribute("href") == quick_exit_url, (
        f"without JavaScript, Quick exit links to {exit_link.get_dom_attribute('href')!r}, "
        f"not to {quick_exit_url!r}"
    )

    # Following it must work with no script at all. That it leaves a history entry behind (Back
    # returns to the page) also shows JavaScript really was off in this session.
    target = send_quick_exit_home(driver, site_url)
    exit_link.click()
    wait_for_url(driver, "?exited", "without JavaScript, following Quick exit went nowhere")
    assert driver.current_url == target
    driver.back()
    assert driver.current_url == site_url + OTHER_PAGE, (
        f"without JavaScript, Back after Quick exit went to {driver.current_url}, expected the "
        f"page that was left ({OTHER_PAGE}): was JavaScript really off?"
    )


# --- 4. with JavaScript: the history entry is replaced; Shift three times ----------------------


def test_quick_exit_click_replaces_the_history_entry(browser, site_url):
    target = leave_from_other_page(browser, site_url)

    browser.find_element(By.ID, "quick-exit").click()
    wait_for_url(browser, "?exited", "clicking Quick exit did not leave the page")
    assert browser.current_url == target

    browser.back()
    assert browser.current_url == site_url + HOME, (
        f"Back after Quick exit went to {browser.current_url}, expected {HOME}: the page that was "
        f"left ({OTHER_PAGE}) is still in the history"
    )


def test_three_shift_presses_leave_and_replace_the_history_entry(browser, site_url):
    target = leave_from_other_page(browser, site_url)

    state = progress_state(browser)
    assert not state["shown"] and state["on"] == 0, f"progress shows before any key: {state}"

    press_shift(browser)
    state = progress_state(browser)
    assert state["shown"], "the progress dots are hidden after one Shift press"
    assert state["dots"] == 3 and state["on"] == 1, f"after one Shift press: {state}"
    assert "2 more" in state["status"], f"status after one Shift press: {state['status']!r}"

    ActionChains(browser).send_keys("a").perform()
    state = progress_state(browser)
    assert not state["shown"] and state["on"] == 0 and state["status"] == "", (
        f"another key did not reset the Shift count: {state}"
    )
    assert browser.current_url == site_url + OTHER_PAGE

    press_shift(browser)
    press_shift(browser)
    state = progress_state(browser)
    assert state["shown"] and state["on"] == 2, f"after two Shift presses: {state}"
    assert "1 more" in state["status"], f"status after two Shift presses: {state['status']!r}"
    assert browser.current_url == site_url + OTHER_PAGE, "two Shift presses (after a reset) left"

    press_shift(browser)
    wait_for_url(browser, "?exited", "pressing Shift three times did not leave the page")
    assert browser.current_url == target

    browser.back()
    assert browser.current_url == site_url + HOME, (
        f"Back after Shift x3 went to {browser.current_url}, expected {HOME}: the page that was "
        f"left ({OTHER_PAGE}) is still in the history"
    )


def test_shift_count_resets_after_five_seconds(browser, site_url):
    set_viewport(browser, *PHONE)
    open_page(browser, site_url, OTHER_PAGE)
    send_quick_exit_home(browser, site_url)

    press_shift(browser)
    pressed = time.monotonic()
    assert progress_state(browser)["on"] == 1
    WebDriverWait(browser, SHIFT_TIMEOUT_S + 3, poll_frequency=0.1).until(
        lambda d: progress_state(d)["on"] == 0
    )
    waited = time.monotonic() - pressed
    assert waited >= SHIFT_TIMEOUT_S - 0.5, f"the Shift count reset after only {waited:.1f} s"
    state = progress_state(browser)
    assert not state["shown"] and state["status"] == "", f"after the timeout: {state}"

    # The first press no longer counts: two more do not leave.
    press_shift(browser)
    press_shift(browser)
    assert progress_state(browser)["on"] == 2
    assert browser.current_url == site_url + OTHER_PAGE, "a timed-out Shift press still counted"


# --- 5. the leave notice page ------------------------------------------------------------------


def test_leave_notice_page(browser, site_url, leave_link):
    path = leave_link[1]
    set_viewport(browser, *DESKTOP)
    open_page(browser, site_url, path)

    robots = browser.execute_script(
        "return [...document.querySelectorAll('meta[name=robots]')].map(m => m.content);"
    )
    assert robots == ["noindex"], f"{path} has robots meta {robots}, expected one 'noindex'"

    continues = [
        a for a in browser.find_elements(By.CSS_SELECTOR, "main a")
        if a.text.strip().startswith("Continue to ")
    ]
    assert len(continues) == 1, f"{path} has {len(continues)} 'Continue to ...' links"
    link = continues[0]  # never clicked: it leaves the machine
    rel = set((link.get_dom_attribute("rel") or "").split())
    assert {"noopener", "noreferrer"} <= rel, f"the continue link on {path} has rel={rel}"
    destination = link.get_dom_attribute("href") or ""
    parts = urlsplit(destination)
    assert parts.scheme in ("http", "https") and parts.hostname, (
        f"the continue link on {path} goes to {destination!r}"
    )
    host = parts.hostname
    assert link.text.strip() == f"Continue to {host}", f"continue link reads {link.text!r}"
    # The host in the notice's text, not only in the link.
    text = browser.find_element(By.CSS_SELECTOR, "main").text.replace(link.text, "")
    assert host in text, f"{path} does not name the destination host {host} in its text"
    assert destination in text, f"{path} does not show the full address {destination}"

    back = browser.find_elements(By.CSS_SELECTOR, "main a[data-go-back]")
    assert len(back) == 1 and back[0].text.strip() == "Go back", f"{path}: no single 'Go back' link"
    fallback = back[0].get_dom_attribute("href") or ""
    assert fallback.startswith("/") and not fallback.startswith("//"), (
        f"'Go back' on {path} falls back to {fallback!r}, not to a page of the hub"
    )


def test_go_back_returns_to_the_page_with_the_link(browser, site_url, leave_link):
    page, leave = leave_link
    set_viewport(browser, *DESKTOP)
    open_page(browser, site_url, page)

    browser.find_element(By.CSS_SELECTOR, f'main a[href="{leave}"]').click()
    wait_for_url(browser, leave, f"following the external link on {page} did not reach {leave}")

    browser.find_element(By.CSS_SELECTOR, "main a[data-go-back]").click()
    try:
        WebDriverWait(browser, WAIT_S).until(EC.url_to_be(site_url + page))
    except Exception:
        pytest.fail(
            f"'Go back' on {leave} went to {browser.current_url}, not back to {page}", pytrace=False
        )


def test_sitemap_lists_no_leave_notices(sample_site):
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    locs = [el.text or "" for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) >= 10, f"only {len(locs)} URLs in sitemap.xml"
    leaves = [loc for loc in locs if "/leave/" in urlsplit(loc).path]
    assert not leaves, f"sitemap.xml lists leave notice pages: {leaves}"


# --- 6. external links say that they leave the site ------------------------------------------


def test_external_links_carry_hidden_leaves_this_site_text(browser, site_url, leave_link):
    page = leave_link[0]
    set_viewport(browser, *DESKTOP)
    open_page(browser, site_url, page)

    links = browser.execute_script(
        """
        return [...document.querySelectorAll('main a[href*="/leave/"]')].map(a => {
            const hidden = [...a.querySelectorAll('.visually-hidden')];
            const boxes = hidden.map(h => h.getBoundingClientRect());
            return {html: a.outerHTML.slice(0, 200),
                    hidden: hidden.map(h => h.textContent.trim()),
                    tiny: boxes.every(r => r.width <= 1 && r.height <= 1)};
        });
        """
    )
    assert links, f"{page} has no link to a leave notice in its body"
    for link in links:
        assert "(leaves this site)" in link["hidden"], (
            f"external link on {page} has no visually hidden '(leaves this site)': {link['html']}"
        )
        assert link["tiny"], f"the '(leaves this site)' text is visible on {page}: {link['html']}"
