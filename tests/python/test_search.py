"""Search, as a reader sees it (SPEC sections 10 and 13), in headless Chromium.

The fixture hub Tests/Fixtures/search-hub is built into <tmp>/hub/ and served from <tmp>, so every
link has to work under the /hub/ sub-path. What the fixture holds, and so what the tests expect:

| page (slug)                    | title / summary / body words          | audience            | region     |
| ------------------------------ | ------------------------------------- | ------------------- | ---------- |
| training/supervision-skills    | "supervision" in the title            | consumer, managers  | vic        |
| networks/consumer-network      | "supervision" in summary, tag, body   | consumer            | wa, vic    |
| resources/employer-guide       | "supervision" in the body only        | managers            | national   |
| networks/carer-network         | "quokka" in the body only; a link out | carer               | wa         |
| training/maori-wellbeing       | "Māori", "Wānanga", "Tāmaki"          | consumer            | international |
| training/group-facilitation    | "facilitation" in the title           | consumer, carer     | national   |
| resources/hostile              | markup in title, summary and tags     | managers            | national   |
| resources/draft-plan (draft)   | "quokka" too, never to be found       |                     |            |

Nothing reaches the internet: Chromium resolves no host but 127.0.0.1 (conftest.py), and the
quick exit link is pointed at the local server before it is used.
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DESKTOP, PHONE, run_signpost_bin, serve, set_viewport, site_html_files, start_chrome
from test_accessibility import VIEWPORTS, check_axe
from test_html_validity import describe, is_error, run_vnu, vnu_command  # noqa: F401 (a fixture)

FIXTURE = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "search-hub"
BASE = "/hub/"
WAIT_S = 10

SKILLS = "/hub/training/supervision-skills/"
CONSUMER_NETWORK = "/hub/networks/consumer-network/"
EMPLOYER_GUIDE = "/hub/resources/employer-guide/"
CARER_NETWORK = "/hub/networks/carer-network/"
MAORI = "/hub/training/maori-wellbeing/"
FACILITATION = "/hub/training/group-facilitation/"
HOSTILE = "/hub/resources/hostile/"
HOSTILE_TITLE = "Hostile <img src=x onerror=\"window.__xss='title'\"> title \"quoted\" & more"
HOSTILE_SUMMARY = "</script><script>window.__xss='summary'</script><b onmouseover=alert(1)>bold</b>"


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hub_root(signpost_bin, tmp_path_factory) -> Path:
    """The folder served at the server's root; the hub itself is in its hub/ folder."""
    root = tmp_path_factory.mktemp("search-hub")
    result = run_signpost_bin(signpost_bin, ["build", "--source", FIXTURE, "--output", root / "hub"])
    assert result.returncode == 0, f"building {FIXTURE} failed:\n{result.stderr}"
    return root


@pytest.fixture(scope="module")
def hub_site(hub_root: Path) -> Path:
    return hub_root / "hub"


@pytest.fixture(scope="module")
def server(hub_root: Path):
    """http://127.0.0.1:PORT (no trailing slash); the hub is at SERVER + /hub/."""
    with serve(hub_root) as url:
        yield url


@pytest.fixture(scope="module")
def index(hub_site: Path) -> dict:
    return json.loads((hub_site / "search.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def leave_path(hub_site: Path) -> str:
    """The notice page the carer network's external link goes to."""
    page = (hub_site / "networks" / "carer-network" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'href="(/hub/leave/[^"]+/)"', page)
    assert found, "the carer network page has no link to a leave notice"
    return found[0]


@pytest.fixture
def reader(browser):
    """The shared browser at desktop size, with no alert left open by an earlier test."""
    set_viewport(browser, *DESKTOP)
    yield browser
    try:
        browser.switch_to.alert.dismiss()
    except NoAlertPresentException:
        pass


# --- helpers --------------------------------------------------------------------------------


def open_search(driver, server: str, query: str = "") -> None:
    driver.get(server + BASE + "search/" + query)
    wait_until_ready(driver)


def wait_until_ready(driver) -> None:
    try:
        WebDriverWait(driver, WAIT_S).until(
            lambda d: d.execute_script(
                "return performance.getEntriesByName('signpost-search-ready').length > 0;"
            )
        )
    except Exception:
        status = driver.execute_script(
            "const s = document.getElementById('search-status'); return s && s.textContent;"
        )
        pytest.fail(f"the search page never became ready (status: {status!r})", pytrace=False)


def results(driver) -> list[str]:
    """The hrefs of the result links, in order."""
    return driver.execute_script(
        "const list = document.querySelector('[data-search-results]');"
        "return list.hidden ? [] : [...list.querySelectorAll('li h2 a')].map(a => a.getAttribute('href'));"
    )


def status(driver) -> str:
    return driver.find_element(By.ID, "search-status").text


def facet_counts(driver, name: str) -> dict[str, int]:
    return driver.execute_script(
        """
        const out = {};
        for (const box of document.querySelectorAll('[data-search-facets] input[name="' + arguments[0] + '"]')) {
            out[box.value] = Number(box.labels[0].querySelector('.count').textContent);
        }
        return out;
        """,
        name,
    )


def query_of(driver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def type_query(driver, text: str) -> None:
    box = driver.find_element(By.ID, "search-query")
    box.clear()
    box.send_keys(text)


def wait_for_results(driver, expected: list[str], what: str) -> None:
    try:
        WebDriverWait(driver, WAIT_S).until(lambda d: results(d) == expected)
    except Exception:
        pytest.fail(f"{what}: results are {results(driver)}, expected {expected}", pytrace=False)


def assert_no_alert(driver) -> None:
    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"a script from content ran: an alert says {text!r}", pytrace=False)


# --- search.json ------------------------------------------------------------------------------


def test_index_lists_published_pages_with_their_fields(index):
    docs = {doc["url"]: doc for doc in index["docs"]}
    assert set(docs) == {SKILLS, CONSUMER_NETWORK, EMPLOYER_GUIDE, CARER_NETWORK, MAORI, FACILITATION, HOSTILE}, (
        "search.json must list every published page, and no draft, section, leave notice or 404"
    )
    skills = docs[SKILLS]
    assert skills["title"] == "Lived experience supervision skills"
    assert skills["summary"] == "A two-day course for new supervisors."
    assert skills["section"] == "Training"
    assert skills["audience"] == ["consumer-workers", "managers"]
    assert skills["workforce"] == ["consumer"]
    assert skills["region"] == ["vic"]
    assert skills["tags"] == ["supervision", "training"]
    assert docs[HOSTILE]["title"] == HOSTILE_TITLE and docs[HOSTILE]["summary"] == HOSTILE_SUMMARY


def test_index_keeps_markup_characters_escaped(hub_site):
    raw = (hub_site / "search.json").read_text(encoding="utf-8")
    for text in ("<", ">", "&"):
        assert text not in raw, f"search.json has a raw {text!r}: it must be written as a \\u escape"


# --- finding pages ------------------------------------------------------------------------------


def test_finds_a_page_by_a_word_only_in_its_body(reader, server):
    open_search(reader, server, "?q=quokka")
    assert results(reader) == [CARER_NETWORK], "the draft also says quokka, and must not be found"
    assert "1 page" in status(reader)


def test_words_that_are_also_javascript_names_and_greek_capitals_are_found(reader, server):
    # "constructor" is a property of every JavaScript object; sigma has a final form.
    for query in ("constructor", "%CE%A5%CE%93%CE%95%CE%99%CE%91%CE%A3", "%CF%85%CE%B3%CE%B5%CE%B9%CE%B1%CF%82"):
        open_search(reader, server, "?q=" + query)
        assert results(reader) == [CARER_NETWORK], f"?q={query} found {results(reader)}"


def test_typing_searches_and_keeps_the_query_in_the_address(reader, server):
    open_search(reader, server)
    assert results(reader) == []
    type_query(reader, "zebracorn")
    wait_for_results(reader, [HOSTILE], "typing a body-only word")
    assert query_of(reader) == {"q": ["zebracorn"]}


def test_folding_finds_words_with_and_without_accents(reader, server):
    for query, expected in [
        ("maori", [MAORI]),          # Māori in the title
        ("tamaki", [MAORI]),         # Tāmaki in the body
        ("W%C4%80NANGA", [MAORI]),   # WĀNANGA: Wānanga in the summary
        ("M%C4%81ori", [MAORI]),     # typed with the macron
    ]:
        open_search(reader, server, "?q=" + query)
        assert results(reader) == expected, f"?q={query} found {results(reader)}"


def test_prefixes_match_and_title_matches_come_first(reader, server):
    open_search(reader, server, "?q=facilit")
    assert results(reader) == [FACILITATION]
    open_search(reader, server, "?q=supervision")
    assert results(reader) == [SKILLS, CONSUMER_NETWORK, EMPLOYER_GUIDE], (
        "title match first, then summary and tags, then the body only"
    )
    # Two words: both must match somewhere; a title match on either ranks first, then the score
    # (title 10, summary or terms 3, body 1 for each word).
    open_search(reader, server, "?q=superv+peer")
    assert results(reader) == [CONSUMER_NETWORK, SKILLS, EMPLOYER_GUIDE]
    open_search(reader, server, "?q=supervision+quokka")
    assert results(reader) == [], "every word must match"


def test_a_word_nobody_wrote_finds_nothing_and_says_so(reader, server):
    open_search(reader, server, "?q=xylophone")
    assert results(reader) == []
    assert "No pages" in status(reader)


# --- facets ---------------------------------------------------------------------------------


def test_facets_filter_and_count(reader, server):
    open_search(reader, server, "?q=supervision")
    assert facet_counts(reader, "region") == {"wa": 1, "vic": 2, "national": 1, "international": 0}
    assert facet_counts(reader, "audience") == {"consumer-workers": 2, "carer-workers": 0, "managers": 2}
    assert facet_counts(reader, "workforce") == {"consumer": 2, "family-carer": 0}

    reader.find_element(By.CSS_SELECTOR, '[data-search-facets] input[name="region"][value="vic"]').click()
    wait_for_results(reader, [SKILLS, CONSUMER_NETWORK], "filtering by Victoria")
    assert query_of(reader) == {"q": ["supervision"], "region": ["vic"]}
    # A facet's own counts do not shrink when one of its terms is chosen; the others' do.
    assert facet_counts(reader, "region") == {"wa": 1, "vic": 2, "national": 1, "international": 0}
    assert facet_counts(reader, "audience") == {"consumer-workers": 2, "carer-workers": 0, "managers": 1}
    assert "Victoria" in status(reader)

    reader.find_element(By.CSS_SELECTOR, '[data-search-facets] input[name="region"][value="national"]').click()
    wait_for_results(reader, [SKILLS, CONSUMER_NETWORK, EMPLOYER_GUIDE], "Victoria or National")

    reader.find_element(By.CSS_SELECTOR, '[data-search-facets] input[name="audience"][value="managers"]').click()
    wait_for_results(reader, [SKILLS, EMPLOYER_GUIDE], "Victoria or National, for managers")
    assert query_of(reader) == {"q": ["supervision"], "audience": ["managers"], "region": ["vic", "national"]}


def test_facets_alone_list_pages(reader, server):
    open_search(reader, server, "?region=wa")
    assert results(reader) == [CARER_NETWORK, CONSUMER_NETWORK]
    assert facet_counts(reader, "region")["national"] == 3


def test_filters_fold_away_on_a_phone_unless_one_is_chosen(reader, server):
    def is_open():
        return reader.execute_script("return document.querySelector('details.search-filters').open;")

    open_search(reader, server, "?q=supervision")
    assert is_open(), "beside the results on a wide screen, the filters are open"
    set_viewport(reader, *PHONE)
    open_search(reader, server, "?q=supervision")
    assert not is_open(), "on a phone the filters start folded, so the results are near the top"
    summary = reader.find_element(By.CSS_SELECTOR, "details.search-filters > summary")
    assert summary.text == "Filter by audience, workforce and region"
    summary.click()
    reader.find_element(By.CSS_SELECTOR, '[data-search-facets] input[name="region"][value="wa"]').click()
    wait_for_results(reader, [CONSUMER_NETWORK], "filtering by WA on a phone")
    open_search(reader, server, "?q=supervision&region=vic")
    assert is_open(), "a chosen filter is shown"


def test_the_address_restores_the_search(reader, server):
    open_search(reader, server, "?q=supervision&region=vic&audience=managers")
    assert reader.find_element(By.ID, "search-query").get_property("value") == "supervision"
    checked = reader.execute_script(
        "return [...document.querySelectorAll('[data-search-facets] input:checked')]"
        ".map(b => b.name + '=' + b.value);"
    )
    assert sorted(checked) == ["audience=managers", "region=vic"]
    assert results(reader) == [SKILLS]

    # Back and forward through searches made elsewhere land on the same state.
    reader.get(server + BASE)
    reader.back()
    wait_until_ready(reader)
    assert results(reader) == [SKILLS]


def test_results_are_announced_to_screen_readers(reader, server):
    open_search(reader, server)
    live = reader.find_element(By.ID, "search-status")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    type_query(reader, "quokka")
    wait_for_results(reader, [CARER_NETWORK], "typing quokka")
    assert status(reader) == "1 page matches “quokka”."


def test_many_results_come_in_pages(reader, server):
    # With no words, choosing every region lists all seven pages: one list, as the page size is 20.
    open_search(reader, server, "?region=wa&region=vic&region=national&region=international")
    assert len(results(reader)) == 7
    assert not reader.find_element(By.CSS_SELECTOR, "[data-search-more]").is_displayed()


# --- hostile content ----------------------------------------------------------------------------


def test_hostile_fields_run_no_script_and_stay_text(reader, server):
    for query in ("?q=zebracorn", "?q=hostile", "?q=svg", "?q=javascript", "?region=national"):
        open_search(reader, server, query)
        assert HOSTILE in results(reader), f"{query} should find the hostile page"
        assert_no_alert(reader)
        facts = reader.execute_script(
            """
            const list = document.querySelector('[data-search-results]');
            const item = [...list.querySelectorAll('li')].find(li =>
                li.querySelector('a').getAttribute('href') === arguments[0]);
            return {
                xss: window.__xss === undefined ? null : String(window.__xss),
                elements: [...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase())
                    .filter(t => !['li', 'h2', 'a', 'p'].includes(t)),
                handlers: [...document.querySelectorAll('*')].flatMap(e =>
                    [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + '@' + a.name)),
                title: item.querySelector('a').textContent,
                summary: item.querySelector('p').textContent,
            };
            """,
            HOSTILE,
        )
        assert facts["xss"] is None, f"{query}: a script from the index ran ({facts['xss']})"
        assert facts["elements"] == [], f"{query}: the index made elements {facts['elements']}"
        assert facts["handlers"] == [], f"{query}: event handler attributes {facts['handlers']}"
        assert facts["title"] == HOSTILE_TITLE
        assert facts["summary"] == HOSTILE_SUMMARY


def test_a_hostile_query_stays_text(reader, server):
    open_search(reader, server, "?q=%3Cimg+src%3Dx+onerror%3D%22window.__xss%3D1%22%3E")
    assert_no_alert(reader)
    assert reader.execute_script("return window.__xss === undefined;")
    assert "<img src=x" in status(reader)
    assert reader.find_element(By.ID, "search-query").get_property("value").startswith("<img")


# --- every page can search, and without JavaScript the page still helps ------------------------


class _HeaderForms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_header = 0
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "header":
            self.in_header += 1
        elif tag == "form" and self.in_header:
            self.forms.append({"action": attrs.get("action"), "method": attrs.get("method"), "inputs": []})
        elif tag == "input" and self.in_header and self.forms:
            self.forms[-1]["inputs"].append(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "header" and self.in_header:
            self.in_header -= 1


def test_every_page_header_has_a_search_form(hub_site):
    files = site_html_files(hub_site)
    assert len(files) > 20
    for file in files:
        parser = _HeaderForms()
        parser.feed(file.read_text(encoding="utf-8"))
        forms = [f for f in parser.forms if f["action"] == "/hub/search/"]
        assert len(forms) == 1 and forms[0]["method"] == "get" and "q" in forms[0]["inputs"], (
            f"{file.relative_to(hub_site)} has no header search form that submits q to /hub/search/"
        )


def test_header_form_leads_to_results(reader, server):
    reader.get(server + SKILLS)
    box = reader.find_element(By.ID, "site-search-query")
    box.send_keys("quokka", Keys.ENTER)
    WebDriverWait(reader, WAIT_S).until(lambda d: "/hub/search/" in d.current_url)
    wait_until_ready(reader)
    assert results(reader) == [CARER_NETWORK]


def test_without_javascript_the_page_offers_browse_links(server):
    driver = start_chrome(["--blink-settings=scriptEnabled=false"])
    try:
        driver.get(server + BASE + "search/?q=supervision")
        fallback = driver.find_element(By.CSS_SELECTOR, "[data-search-fallback]")
        assert fallback.is_displayed()
        hrefs = [a.get_attribute("href") for a in fallback.find_elements(By.CSS_SELECTOR, "a")]
        paths = {urlsplit(h).path for h in hrefs}
        for expected in ("/hub/audience/", "/hub/audience/managers/", "/hub/region/vic/", "/hub/a-z/"):
            assert expected in paths, f"the no-JavaScript search page does not link {expected}"
        assert not driver.find_element(By.CSS_SELECTOR, "[data-search-results]").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "[data-search-facets]").is_displayed()
    finally:
        driver.quit()


def test_with_javascript_the_browse_links_give_way_to_results(reader, server):
    open_search(reader, server, "?q=supervision")
    assert not reader.find_element(By.CSS_SELECTOR, "[data-search-fallback]").is_displayed()


# --- the safety features under a sub-path ------------------------------------------------------


def test_quick_exit_shortcut_leaves_the_search_page(reader, server):
    set_viewport(reader, *PHONE)
    reader.get(server + BASE)
    open_search(reader, server, "?q=supervision")
    target = server + BASE + "a-z/?exited"
    reader.execute_script("document.getElementById('quick-exit').setAttribute('href', arguments[0]);", target)
    reader.find_element(By.TAG_NAME, "h1").click()
    for _ in range(3):
        ActionChains(reader).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()
    WebDriverWait(reader, WAIT_S).until(lambda d: d.current_url == target)
    reader.back()
    assert reader.current_url == server + BASE, "the search page is still in the history"


def test_leave_notice_shows_the_destination(reader, server, leave_path):
    reader.get(server + CARER_NETWORK)
    reader.find_element(By.CSS_SELECTOR, f'main a[href="{leave_path}"]').click()
    WebDriverWait(reader, WAIT_S).until(lambda d: d.current_url == server + leave_path)
    main = reader.find_element(By.TAG_NAME, "main").text
    assert "www.example.net" in main
    assert "https://www.example.net/carer-network/guidelines" in main
    link = reader.find_element(By.CSS_SELECTOR, 'main a[href="https://www.example.net/carer-network/guidelines"]')
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}


# --- accessibility and validity of every page type, under /hub/ --------------------------------

PAGE_TYPES = {
    "home": "/hub/",
    "section": "/hub/training/",
    "page": SKILLS,
    "taxonomy": "/hub/audience/",
    "term": "/hub/region/vic/",
    "a-z": "/hub/a-z/",
    "search-with-results": "/hub/search/?q=supervision&region=vic",
    "leave-notice": None,
    "not-found": "/hub/404.html",
}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_no_violations(reader, server, leave_path, kind, viewport):
    path = PAGE_TYPES[kind] or leave_path
    set_viewport(reader, *VIEWPORTS[viewport])
    reader.get(server + path)
    if kind.startswith("search"):
        wait_until_ready(reader)
        assert len(results(reader)) == 2
    check_axe(reader, path, viewport)


def test_vnu_finds_no_errors_in_the_hub_or_the_search_results(reader, server, hub_site, tmp_path, vnu_command):
    open_search(reader, server, "?q=supervision&region=vic")
    assert len(results(reader)) == 2
    live = tmp_path / "search-with-results.html"
    live.write_text(
        "<!DOCTYPE html>\n" + reader.execute_script("return document.documentElement.outerHTML;"),
        encoding="utf-8",
    )
    files = site_html_files(hub_site) + [live]
    messages = run_vnu(vnu_command, files)
    errors = [m for m in messages if is_error(m)]
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(describe(m, hub_site) for m in errors)
