"""Accessibility of the built sample site (SPEC sections 9, 11 and 13).

axe-core (bundled in axe-selenium-python) runs in headless Chromium over HTTP, at desktop and
at phone width, on a representative page of each kind; structural checks (skip link, lang,
headings, landmarks) run in the browser; the whole built site is scanned for inline scripts and
styles, which the `_headers` CSP (`default-src 'self'`) would block.
"""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
import yaml
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import DESKTOP, PHONE, set_viewport, site_html_files

# A representative page of each kind in the sample hub: (URL path, what must hold for the page to
# be the kind it stands for, as a CSS selector that must match or, with "!", must not).
PAGES = {
    "home": ("/", []),
    "section": ("/training/", ['main a[href^="/training/"]']),
    "nested-section": (
        "/organisational-support/co-production/",
        ['main a[href^="/organisational-support/co-production/"]'],
    ),
    "page-with-contact": ("/training/bouverie-centre/", [".contact-card"]),
    "page-without-contact": ("/supervision/why-lived-experience-supervision-matters/", ["!.contact-card"]),
    "taxonomy": ("/audience/", [".term-cloud"]),
    "term": ("/region/vic/", ['main a[href="/region/"]']),
    "open-term": ("/tags/supervision/", ['main a[href="/tags/"]']),
    "a-z": ("/a-z/", ["nav.letters"]),
    "not-found": ("/404.html", ["form.search-form"]),
    "browsing-safely": ("/browsing-safely/", ['.quick-exit-help[href="/browsing-safely/"]']),
}
# Leave-site notice pages (/leave/<id>/) have ids that depend on the content, so they are found in
# the built site at run time; test_safety_features.py runs the checks below on one of them.

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}

page_ids = list(PAGES)


def load(browser, site_url: str, name: str, viewport: str = "desktop") -> None:
    path, premises = PAGES[name]
    set_viewport(browser, *VIEWPORTS[viewport])
    browser.get(site_url + path)
    status = browser.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n && n.responseStatus !== undefined ? n.responseStatus : 200;"
    )
    assert status == 200, f"{path} answered HTTP {status}: is it still in the sample hub?"
    for premise in premises:
        negate = premise.startswith("!")
        selector = premise.lstrip("!")
        found = browser.execute_script("return !!document.querySelector(arguments[0]);", selector)
        assert found != negate, (
            f"{path} no longer is a '{name}' page ({selector!r} {'found' if negate else 'missing'}); "
            "pick another page of that kind in PAGES"
        )


def format_axe_results(results: list[dict]) -> str:
    out = []
    for v in results:
        out.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            out.append(f"    {target}")
            out.append(f"      {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                out.append(f"      {summary}")
    return "\n".join(out)


# --- axe-core --------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", page_ids)
def test_axe_finds_no_violations(browser, site_url, name, viewport):
    load(browser, site_url, name, viewport)
    check_axe(browser, PAGES[name][0], viewport)


def check_axe(browser, path: str, viewport: str) -> None:
    """Runs axe-core on the page loaded in `browser` (`path` and `viewport` name it in reports)."""
    axe = Axe(browser)
    axe.inject()
    results = axe.run(options=AXE_OPTIONS)

    assert results.get("testEngine", {}).get("version", "").startswith("4."), (
        "axe-core 4.x is needed for the WCAG 2.2 rules"
    )
    if results["incomplete"]:
        print(f"axe needs review on {path} ({viewport}):")
        print(format_axe_results(results["incomplete"]))

    violations = results["violations"]
    assert not violations, (
        f"{len(violations)} axe-core violation(s) on {path} at {viewport} width "
        f"({VIEWPORTS[viewport][0]}x{VIEWPORTS[viewport][1]}):\n" + format_axe_results(violations)
    )


# --- structure, in the browser ---------------------------------------------------------------


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", page_ids)
def test_skip_link_is_first_and_moves_focus_to_main(browser, site_url, name, viewport):
    load(browser, site_url, name, viewport)
    check_skip_link(browser, PAGES[name][0])


def check_skip_link(browser, path: str) -> None:
    """Checks the skip link of the page just loaded in `browser` (nothing focused yet)."""
    ActionChains(browser).send_keys(Keys.TAB).perform()
    first = browser.execute_script(
        """
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {html: el.outerHTML.slice(0, 200), tag: el.tagName, href: el.getAttribute('href'),
                text: el.textContent.trim(),
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
                         r.top < innerHeight && r.left < innerWidth};
        """
    )
    assert first["tag"] == "A" and first["href"] == "#main", (
        f"the first focusable element on {path} is not a skip link to #main: {first['html']}"
    )
    assert first["text"], f"the skip link on {path} has no text"
    assert first["visible"], f"the skip link on {path} is not visible when it has focus"

    target = browser.execute_script(
        "const m = document.getElementById('main');"
        "return m && (m.tagName === 'MAIN' || m.getAttribute('role') === 'main');"
    )
    assert target, f"#main on {path} is missing or is not the main landmark"

    ActionChains(browser).send_keys(Keys.ENTER).perform()
    focused = browser.execute_script("return document.activeElement.id;")
    assert focused == "main", (
        f"following the skip link on {path} left focus on {focused!r}, not on #main "
        "(main needs tabindex=\"-1\")"
    )


@pytest.fixture(scope="module")
def configured_language(repo_root: Path) -> str | None:
    config = yaml.safe_load((repo_root / "signpost.yml").read_text(encoding="utf-8")) or {}
    language = config.get("language")
    return str(language) if language else None


@pytest.mark.parametrize("name", page_ids)
def test_page_structure(browser, site_url, name, configured_language):
    load(browser, site_url, name)
    check_structure(browser, PAGES[name][0], configured_language)


def check_structure(browser, path: str, configured_language: str | None) -> None:
    """Checks lang, headings, title and landmarks of the page loaded in `browser`."""
    facts = browser.execute_script(
        """
        const sectioning = 'article, aside, main, nav, section';
        const landmark = (tag, role) => [...document.querySelectorAll(`${tag}, [role=${role}]`)]
            .filter(el => el.getAttribute('role') === role ||
                          !(el.parentElement && el.parentElement.closest(sectioning))).length;
        return {
            lang: document.documentElement.getAttribute('lang'),
            h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
            main: document.querySelectorAll('main, [role=main]').length,
            banner: landmark('header', 'banner'),
            contentinfo: landmark('footer', 'contentinfo'),
            navigation: document.querySelectorAll('nav, [role=navigation]').length,
            title: document.title.trim(),
        };
        """
    )
    assert facts["lang"] and facts["lang"].strip(), f"<html> on {path} has no lang"
    if configured_language:
        assert facts["lang"] == configured_language, (
            f"<html lang={facts['lang']!r}> on {path}; signpost.yml says {configured_language!r}"
        )
    assert len(facts["h1"]) == 1, f"{path} has {len(facts['h1'])} h1 elements: {facts['h1']}"
    assert facts["h1"][0], f"the h1 on {path} is empty"
    assert facts["title"], f"{path} has an empty <title>"
    assert facts["main"] == 1, f"{path} has {facts['main']} main landmarks"
    assert facts["banner"] >= 1, f"{path} has no header (banner) landmark"
    assert facts["contentinfo"] >= 1, f"{path} has no footer (contentinfo) landmark"
    assert facts["navigation"] >= 1, f"{path} has no nav landmark"


# --- the whole built site: no inline scripts or styles ---------------------------------------

JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-javascript",
    "application/x-ecmascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-javascript",
    "text/x-ecmascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class InlineCodeFinder(html.parser.HTMLParser):
    """Collects what a `default-src 'self'` CSP would block: `<style>` elements, `style`
    attributes, inline `<script>` with JavaScript (JSON-LD and other data blocks are not run,
    so they are allowed), `on*` event handler attributes and `javascript:` URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.lang: str | None = None
        self._script: tuple[int, str] | None = None  # (line, type) of an open <script> without src
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "style":
            self.problems.append(f"line {line}: <style> element")
        if "style" in attributes:
            self.problems.append(f"line {line}: style attribute on <{tag}>: {attributes['style']!r}")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"line {line}: event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").replace(
                "\n", ""
            ).startswith("javascript:"):
                self.problems.append(f"line {line}: javascript: URL in {name}= on <{tag}>")
        if tag == "script" and "src" not in attributes:
            kind = attributes.get("type", "").strip().lower().split(";")[0].strip()
            self._script = (line, kind)
            self._script_text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            line, kind = self._script
            if kind in JS_TYPES:
                snippet = "".join(self._script_text).strip()[:80]
                self.problems.append(f"line {line}: inline <script>: {snippet!r}")
            self._script = None


def test_no_inline_scripts_or_styles_anywhere(sample_site):
    files = site_html_files(sample_site)
    assert len(files) >= 10, f"only {len(files)} HTML files in the built sample site"

    report = []
    for file in files:
        finder = InlineCodeFinder()
        finder.feed(file.read_text(encoding="utf-8"))
        finder.close()
        if not (finder.lang or "").strip():
            finder.problems.insert(0, "<html> has no lang attribute")
        for problem in finder.problems:
            report.append(f"{file.relative_to(sample_site)}: {problem}")

    assert not report, (
        f"{len(report)} inline script/style problem(s) (the default theme must work under "
        "the CSP default-src 'self'):\n" + "\n".join(report)
    )


def test_axe_harness_reports_violations(browser):
    """Guards against a silently passing harness: a page with known faults must fail."""
    set_viewport(browser, *DESKTOP)
    browser.get(
        "data:text/html;charset=utf-8,"
        "<!DOCTYPE html><html><head><title>bad</title></head><body>"
        "<img src='x.png'><p style='color:%23777;background:%23888'>low contrast</p></body></html>"
    )
    axe = Axe(browser)
    axe.inject()
    results = axe.run(options=AXE_OPTIONS)
    found = {v["id"] for v in results["violations"]}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found, found
