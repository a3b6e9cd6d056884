"""Hostile input (SPEC sections 5 to 9 and 13): script payloads in every place content can put
text, builds killed part-way, output folders that must never be replaced, and a dev server asked
for what it must not give.

The payloads are in xss_payloads.txt (its first line says how it is written). Every payload goes
into every context it can reach; a combination the build refuses must be refused with a clean
error and no output, and everything else must come out inert: no script but the theme's, no event
handler attributes, no URL a browser could run, no frames, forms or <base> from content.
"""

from __future__ import annotations

import concurrent.futures
import html
import html.parser
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.support.ui import WebDriverWait

from conftest import run_signpost_bin, serve, site_html_files, tree_state, write_hub
from test_serve import FIXTURE as SERVE_FIXTURE, Server

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
BENCH_GENERATOR = Path(__file__).resolve().parents[3] / "shared" / "bench" / "gen_corpus.py"

BASE = "/hub/"
SITE_URL = "https://example.org/hub/"
# Not the site's own host, so links there get leave notices (SPEC section 8).
ELSEWHERE = "https://elsewhere.example.net"

HUB_CONFIG = f"""\
title: Hostile Input Hub
base_url: {SITE_URL}
language: en-AU
leave_notice:
  enabled: true
quick_exit:
  enabled: true
  url: https://www.bom.gov.au/
crisis:
  text: "If you need urgent help, call Lifeline on 13 11 14."
acknowledgement: "We acknowledge the Traditional Custodians of the lands on which we work."
taxonomies:
  audience:
    title: Audience
    terms:
      managers: Managers and coordinators
  region:
    title: Region
    terms:
      national: National
  tags:
    title: Topics
    open: true
"""

ERROR_LINE = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>[a-z0-9-]+)\]: \S")
NOT_WRITTEN = "The site was not written; the previous one, if any, is unchanged."


# --- the corpus ---------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|([nrt\\]))")


def decode_payload(line: str) -> str:
    def one(match: re.Match) -> str:
        if match[1] or match[2]:
            return chr(int(match[1] or match[2], 16))
        return {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}[match[3]]

    return _ESCAPE.sub(one, line)


def read_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [decode_payload(line) for line in lines if line and not line.startswith("#")]


PAYLOADS = read_payloads()


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar. A JSON string is one, once the characters YAML
    treats as line breaks or forbids raw (C1 controls, U+2028/9, BOM) are escaped too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[\u0080-\u009f\u2028\u2029\ufeff]", lambda m: f"\\u{ord(m[0]):04x}", quoted)


def one_line(text: str) -> str:
    return re.sub(r"[\r\n]", " ", text)


def title_string(text: str) -> str:
    """`text` inside a Markdown link title's double quotes."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def is_markdown_link(payload: str) -> bool:
    """Payloads that are themselves Markdown links to a script URL: in Markdown text they are
    links, which the build refuses (unsafe-link)."""
    return bool(re.match(r"!?\[[^\]]*\]\(|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>$", payload))


# Contexts of the main hub: where each payload is put, on one page per payload (and its section).
FRONT_MATTER_CONTEXTS = ["title", "summary", "tag", "organisation", "address", "section-title", "section-summary"]
MARKDOWN_CONTEXTS = [  # parsed as Markdown inline text
    "section-body", "plain", "emphasis", "heading", "link-text", "image-alt", "list-item", "quote", "inline-html", "alone",
]
LITERAL_CONTEXTS = ["inline-code", "link-title", "reference-title", "html-block", "code-block", "fence-info"]
MAIN_CONTEXTS = FRONT_MATTER_CONTEXTS + MARKDOWN_CONTEXTS + LITERAL_CONTEXTS


def refusal(payload: str, context: str) -> str | None:
    """The error code the build must give for `payload` in `context`, or None if it must build."""
    if context == "tag" and not any(c.isalnum() for c in payload):
        return "invalid-term"  # a tag must give a non-empty term slug
    if context in MARKDOWN_CONTEXTS and is_markdown_link(payload):
        return "unsafe-link"
    return None


def page_text(i: int, payload: str, contexts: set[str]) -> str:
    """A page carrying `payload` in each of `contexts` (front matter and body)."""
    p, line = payload, one_line(payload)
    front = [f"title: {yaml_string(p) if 'title' in contexts else yaml_string(f'Payload page {i}')}"]
    if "summary" in contexts:
        front.append(f"summary: {yaml_string(p)}")
    front += ["audience: managers", "region: national"]
    front.append(f"tags: [{yaml_string(p) + ', ' if 'tag' in contexts else ''}{yaml_string(f'tag {i}')}]")
    front.append(f"date: 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}")
    front.append("reviewed: 2025-01-01")
    contact = [f"  {name}: {yaml_string(p)}" for name in ("organisation", "address") if name in contexts]
    if contact:
        front += ["contact:", *contact]

    body = {
        "plain": f"Plain text: {p}",
        "emphasis": f"Some *{line}* emphasis.",
        "inline-code": f"Inline code: `` {line} ``",
        "heading": f"## {line}",
        "link-text": f"[{line}]({ELSEWHERE}/link/{i})",
        "link-title": f'[title link]({ELSEWHERE}/title/{i} "{title_string(p)}")',
        "image-alt": f"![{line}]({ELSEWHERE}/img/{i}.png)",
        "reference-title": f'Reference [ref link][r{i}].\n\n[r{i}]: {ELSEWHERE}/ref/{i} "{title_string(p)}"',
        "list-item": f"- {line}\n- second",
        "quote": f"> {line}",
        "inline-html": f"Inline <span>{line}</span> HTML.",
        "html-block": f"<div>\n{p}\n</div>",
        "alone": p,
        "code-block": f"~~~\n{p}\n~~~",
        # Last: if the payload stops the fence opening, a later ``` would swallow what follows.
        "fence-info": f"```{line}\ncode\n```",
    }
    parts = [text for name, text in body.items() if name in contexts]
    return "---\n" + "\n".join(front) + "\n---\n\nThe page for payload " + str(i) + ".\n\n" + "\n\n".join(parts) + "\n"


def section_text(i: int, payload: str, contexts: set[str]) -> str:
    front = [f"title: {yaml_string(payload) if 'section-title' in contexts else yaml_string(f'Section {i}')}"]
    if "section-summary" in contexts:
        front.append(f"summary: {yaml_string(payload)}")
    body = f"Section text: {payload}\n" if "section-body" in contexts else ""
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


SECTION_CONTEXTS = {"section-title", "section-summary", "section-body"}


def main_hub_files() -> tuple[dict[str, str], int]:
    """The main hub: payload i on content/p/sNNN/page.md and its section. Returns the files and
    the number of payload-context pairs in them."""
    files = {
        "signpost.yml": HUB_CONFIG,
        "content/_index.md": "---\ntitle: Home\n---\n\nA hub full of hostile text.\n",
        "content/p/_index.md": "---\ntitle: Payloads\n---\n",
    }
    pairs = 0
    for i, payload in enumerate(PAYLOADS):
        contexts = {c for c in MAIN_CONTEXTS if refusal(payload, c) is None}
        pairs += len(contexts)
        files[f"content/p/s{i:03d}/_index.md"] = section_text(i, payload, contexts & SECTION_CONTEXTS)
        files[f"content/p/s{i:03d}/page.md"] = page_text(i, payload, contexts - SECTION_CONTEXTS)
    return files, pairs


# --- what the output may hold -----------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "background", "cite",
                  "longdesc", "ping", "manifest", "icon", "xlink:href", "codebase", "archive"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "svg", "math",
                      "template", "portal", "isindex"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# The theme's own forms (site header and search page) and <link>s.
THEME_LINK_RELS = {"canonical", "stylesheet", "preload"}


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: surrounding spaces and controls stripped, tabs and newlines
    removed anywhere (the URL standard's own clean-up)."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match[1].lower() if match else None


class Audit(html.parser.HTMLParser):
    """Everything in one HTML document that could run script or send the reader elsewhere
    unasked. html.parser has already decoded entities in attribute values."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, list[str]]] = []
        self._script_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler attribute {name}={value!r}")
            if name == "style":
                self.problems.append(f"<{tag}> has a style attribute {value!r}")
            if name in URL_ATTRIBUTES and value is not None:
                urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                for url in urls:
                    scheme = url_scheme(url)
                    raster = tag == "img" and name == "src" and re.match(r"data:image/(png|gif|jpeg|webp)[;,]", url.strip())
                    if scheme is not None and scheme not in SAFE_SCHEMES and not raster:
                        self.problems.append(f"<{tag} {name}={value!r}> has the scheme {scheme}:")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"<meta http-equiv={values['http-equiv']!r}>")
        if tag == "form" and not (values.get("action") == self.base + "search/" and values.get("method") == "get"):
            self.problems.append(f"a form that is not the theme's search form: {values}")
        if tag in ("button", "input") and "formaction" in values:
            self.problems.append(f"<{tag} formaction>")
        if tag == "link":
            href = values.get("href") or ""
            if values.get("rel") not in THEME_LINK_RELS or not (href.startswith(self.base) or href.startswith(SITE_URL)):
                self.problems.append(f"a <link> that is not the theme's: {values}")
        if tag == "script":
            self.scripts.append((values, []))
            self._script_text = self.scripts[-1][1]

    def handle_data(self, data):
        if self._script_text is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_text = None

    def close(self):
        super().close()
        for attrs, parts in self.scripts:
            text = "".join(parts)
            if attrs.get("type") == "application/ld+json":
                try:
                    json.loads(text)
                except ValueError as error:
                    self.problems.append(f"JSON-LD that is not JSON ({error}): {text[:200]!r}")
                if re.search(r"</script|<!--", text, re.I):
                    self.problems.append(f"JSON-LD holding '</script' or '<!--': {text[:200]!r}")
            elif not ((attrs.get("src") or "").startswith(self.base + "assets/") and text.strip() == ""):
                self.problems.append(f"a script that is not the theme's: {attrs} {text[:200]!r}")


def audit_html(text: str, base: str = BASE) -> list[str]:
    audit = Audit(base)
    audit.feed(text)
    audit.close()
    return audit.problems


def check_link(url: str | None, where: str) -> list[str]:
    if url is None or url_scheme(url) in ("http", "https"):
        return []
    return [f"{where}: {url!r} is not an http(s) address"]


def audit_site(site: Path, base: str = BASE) -> tuple[int, dict[str, list[str]]]:
    """Checks every file of a built site; returns how many files were read and the problems by file."""
    problems: dict[str, list[str]] = {}
    count = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        count += 1
        rel = str(path.relative_to(site))
        found: list[str] = []
        if path.suffix == ".html":
            found = audit_html(path.read_text(encoding="utf-8"), base)
        elif path.name == "search.json":
            try:
                index = json.loads(path.read_text(encoding="utf-8"))
                for doc in index["docs"]:
                    if url_scheme(doc["url"]) not in (None, "http", "https"):
                        found.append(f"search result URL {doc['url']!r}")
            except ValueError as error:
                found.append(f"not JSON: {error}")
        elif path.suffix == ".xml":
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as error:
                found.append(f"not XML: {error}")
            else:
                for element in root.iter():
                    name = element.tag.rsplit("}", 1)[-1]
                    if name == "loc":
                        found += check_link(element.text, "sitemap <loc>")
                    elif name == "link":
                        found += check_link(element.get("href"), "feed <link>")
                    elif name in ("content", "summary") and element.get("type") == "html":
                        found += [f"feed {name}: {p}" for p in audit_html(element.text or "", base)]
        if found:
            problems[rel] = found
    return count, problems


def describe(problems: dict[str, list[str]], limit: int = 30) -> str:
    lines = [f"{file}: {problem}" for file, found in problems.items() for problem in found]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def error_lines(stderr: str) -> list[re.Match]:
    """The error lines of a failed build; fails the test on any line that looks like an error but
    is not in the compiler-like form."""
    found = []
    for line in stderr.splitlines():
        if match := ERROR_LINE.match(line):
            found.append(match)
        elif re.search(r"\berror\b", line) and not line.startswith(" ") and not re.fullmatch(r"\d+ errors?", line):
            pytest.fail(f"an error line not in file:line:col: error[code]: form: {line!r}\n{stderr[:3000]}", pytrace=False)
    return found


def assert_clean_refusal(result: subprocess.CompletedProcess, output: Path) -> list[re.Match]:
    assert result.returncode == 1, f"expected exit 1, got {result.returncode}\n{result.stderr[-3000:]}"
    assert NOT_WRITTEN in result.stderr
    assert not output.exists(), "a refused build wrote its output folder"
    errors = error_lines(result.stderr)
    assert errors, result.stderr
    return errors


# --- the corpus itself ------------------------------------------------------------------------


def test_the_corpus_covers_the_known_tricks():
    assert len(PAYLOADS) >= 70
    assert len(set(PAYLOADS)) == len(PAYLOADS), "a payload is listed twice"
    for needed in [
        "javascript&colon;alert(1)", "&#106;avascript:alert(1)", "java&#x09;script:alert(1)", "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "<script>alert(1)</script>",
        "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "\"><script>alert(1)</script>", "' onmouseover='alert(1)", "\" onfocus=\"alert(1)\" autofocus=\"",
        "<iframe src=javascript:alert(1)>", "{{{x}}}", "{{/a}}", "<!--", "]]>", "\"}", "</title><script>alert(1)</script>",
        "<base href=//evil.example/>", "<a href=\"javascript:alert(1)\">x</a>", "<form action=javascript:alert(1)><button>x</button></form>",
        "\u2028alert(1)\u2029", "\x01javascript:alert(1)", "<img src=x onerror=\"window.__xss=1\">",
    ]:
        assert needed in PAYLOADS, f"the corpus lacks {needed!r}"
    assert any(p.startswith("data:image/svg+xml;base64,") for p in PAYLOADS)


def test_payloads_survive_yaml_quoting():
    # The hubs below quote payloads with yaml_string(); a YAML library must read back each one exactly.
    for payload in PAYLOADS:
        assert yaml.safe_load(f"k: {yaml_string(payload)}\n")["k"] == payload, repr(payload)


def test_the_audit_catches_what_it_looks_for():
    # The output checks would pass vacuously if the audit could not see these.
    for bad in [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>',
        '<script type="application/ld+json">{"a":</script>',
        "<img src=x onerror=alert(1)>",
        '<a href=" &#x6A;ava&#x09;script:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<img srcset="x.png 1x, javascript:alert(1) 2x">',
        "<iframe src=x></iframe>", "<base href=//evil.example/>", "<svg></svg>",
        '<form action="javascript:alert(1)"></form>', '<form action="/hub/search/" method="post"></form>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        '<video poster="vbscript:x"></video>', '<button formaction="/x">x</button>',
    ]:
        assert audit_html(bad), f"the audit missed {bad!r}"
    assert audit_html('<form action="/hub/search/" method="get"></form><script src="/hub/assets/signpost.js" defer></script>'
                      '<a href="https://example.org/">x</a><a href="mailto:a@example.org">m</a><a href="tel:123">t</a>'
                      '<a href="../x/">r</a><link rel="canonical" href="https://example.org/hub/x/">') == []


def test_diagnostics_print_no_control_characters(make_hub, run_signpost, tmp_path):
    # Values and file names are echoed in error messages; raw escape sequences there would drive
    # the contributor's terminal, and a newline would split an error's one line.
    hub = make_hub(tmp_path / "hub", {
        "signpost.yml": HUB_CONFIG,
        "content/a.md": '---\ntitle: A\naudience: "\\e]0;pwned\\a\\e[31mred\\nline"\n---\n\nText.\n',
        "content/\x1b[2Jclear.md": "---\ntitle: B\n---\n\nText.\n",
    })
    result = run_signpost(["build", "--source", hub, "--output", tmp_path / "out"])
    assert result.returncode == 1, result.stderr
    raw = sorted({f"U+{ord(c):04X}" for c in result.stderr if ord(c) < 0x20 and c != "\n" or c == "\x7f"})
    assert not raw, f"raw control characters in the error output: {raw}\n{result.stderr!r}"
    files = sorted(m["file"] for m in error_lines(result.stderr))
    assert files == ["content/\\u{1B}[2Jclear.md", "content/a.md"], files


# --- the main hub: every payload in every context that builds -----------------------------------


@dataclass
class XSSHub:
    root: Path          # served at the server's root; the site is in root/hub
    site: Path
    pairs: int


@pytest.fixture(scope="module")
def xss_hub(signpost_bin, tmp_path_factory) -> XSSHub:
    files, pairs = main_hub_files()
    hub = write_hub(tmp_path_factory.mktemp("xss") / "src", files)
    root = tmp_path_factory.mktemp("xss-site")
    result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", root / "hub"])
    assert result.returncode == 0, (
        "the hub of payloads in contexts that must build did not build:\n" + result.stderr[-5000:]
    )
    return XSSHub(root=root, site=root / "hub", pairs=pairs)


def test_every_payload_in_every_context_comes_out_inert(xss_hub):
    count, problems = audit_site(xss_hub.site)
    assert not problems, f"unsafe output in {len(problems)} files:\n" + describe(problems)
    pages = len(site_html_files(xss_hub.site))
    assert pages > 4 * len(PAYLOADS), "the hub's pages, term pages and leave notices are missing"
    leave = list((xss_hub.site / "leave").glob("*/index.html"))
    assert len(leave) > 2 * len(PAYLOADS), f"expected a leave notice for nearly every external link, got {len(leave)}"
    print(f"\nmain hub: {len(PAYLOADS)} payloads x {len(MAIN_CONTEXTS)} contexts = {xss_hub.pairs} combinations "
          f"built; {count} files ({pages} HTML) audited")


def normal(text: str) -> str:
    return " ".join(text.replace("\x00", "\ufffd").split())


PAGE_TEXTS = {
    "h1": re.compile(r"<h1>(.*?)</h1>", re.S),
    "lede": re.compile(r'<p class="lede">(.*?)</p>', re.S),
    "organisation": re.compile(r"<dt>Organisation</dt>\n<dd>(.*?)</dd>", re.S),
    "address": re.compile(r"<dt>Address</dt>\n<dd>(.*?)</dd>", re.S),
}


def test_front_matter_payloads_arrive_as_text(xss_hub):
    # Proof that the payloads got where the audit looked: each is on its page as text, unchanged.
    for i, payload in enumerate(PAYLOADS):
        page = (xss_hub.site / "p" / f"s{i:03d}" / "page" / "index.html").read_text(encoding="utf-8")
        for name, pattern in PAGE_TEXTS.items():
            found = [normal(html.unescape(text)) for text in pattern.findall(page)]
            assert found == [normal(payload)], f"payload {i} {payload!r} in the {name}: {found}"


def test_combinations_the_build_refuses_fail_cleanly(signpost_bin, tmp_path):
    # Payloads that are Markdown links to script URLs, and tags with no letter or digit, must be
    # refused: one page per combination, each named in an error with the expected code.
    files = {"signpost.yml": HUB_CONFIG, "content/_index.md": "---\ntitle: Home\n---\n"}
    expected: dict[str, str] = {}
    for i, payload in enumerate(PAYLOADS):
        for context in MAIN_CONTEXTS:
            code = refusal(payload, context)
            if code is None:
                continue
            if context in SECTION_CONTEXTS:
                rel = f"content/r/{context}-{i:03d}/_index.md"
                files[rel] = section_text(i, payload, {context})
            else:
                rel = f"content/r/{context}-{i:03d}.md"
                files[rel] = page_text(i, payload, {context})
            expected[rel] = code
    assert len(expected) >= 20
    hub = write_hub(tmp_path / "hub", files)
    result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", tmp_path / "out"])
    errors = assert_clean_refusal(result, tmp_path / "out")
    reported: dict[str, set[str]] = {}
    for match in errors:
        reported.setdefault(match["file"], set()).add(match["code"])
    missing = {rel: code for rel, code in expected.items() if code not in reported.get(rel, set())}
    assert not missing, f"refusals not reported: {missing}\n{result.stderr[-3000:]}"
    assert set(reported) == set(expected), f"errors in other files: {set(reported) - set(expected)}"
    print(f"\nrefused: {len(expected)} payload x context combinations, each with a clean error")


# Destinations and names: whether the build takes these depends on the payload (a relative link
# to a missing file is an error, an http(s) one is fine); either outcome is right, as long as a
# refusal is a clean error and what builds is inert.
EITHER_CONTEXTS = {
    "link": lambda p: f"[x]({p})",
    "pointy-link": lambda p: f"[x](<{p}>)",
    "image": lambda p: f"![x]({p})",
    "autolink": lambda p: f"<{p}>",
    "reference": lambda p: f"[x][r]\n\n[r]: {p}",
    "external-query": lambda p: f"[x]({ELSEWHERE}/?q={p})",
}
EITHER_CODES = {"unsafe-link", "broken-link", "bad-link", "broken-anchor", "unsafe-slug", "unsafe-path", "duplicate-url"}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def test_payloads_as_destinations_and_names_are_refused_or_inert(signpost_bin, tmp_path):
    files = {"signpost.yml": HUB_CONFIG, "content/_index.md": "---\ntitle: Home\n---\n",
             "content/d/_index.md": "---\ntitle: D\n---\n", "content/f/_index.md": "---\ntitle: F\n---\n"}
    for i, payload in enumerate(PAYLOADS):
        line = one_line(payload)
        for name, make in EITHER_CONTEXTS.items():
            files[f"content/d/{name}-{i:03d}.md"] = f"---\ntitle: {name} {i}\n---\n\n{make(line)}\n"
        files[f"content/d/slug-{i:03d}.md"] = f"---\ntitle: slug {i}\nslug: {yaml_string(payload)}\n---\n\nText.\n"
        # A file name can hold any byte but '/' and NUL; a leading '.' would make it hidden. Names
        # with control characters are in test_diagnostics_print_no_control_characters.
        if "/" not in payload and not CONTROL.search(payload) and not payload.startswith("."):
            files[f"content/f/{payload}.md"] = f"---\ntitle: file name {i}\n---\n\nText.\n"
    total = len(files) - 4
    hub = write_hub(tmp_path / "hub", files)
    out = tmp_path / "out"

    refused: dict[str, set[str]] = {}
    for _ in range(4):
        result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", out])
        if result.returncode == 0:
            break
        for match in assert_clean_refusal(result, out):
            assert match["code"] in EITHER_CODES, f"unexpected error code: {match.group(0)}"
            assert match["file"].startswith("content/"), match.group(0)
            refused.setdefault(match["file"], set()).add(match["code"])
        for rel in refused:
            (hub / rel).unlink(missing_ok=True)
    else:
        pytest.fail("the hub never built after removing every refused page:\n" + result.stderr[-3000:], pytrace=False)

    count, problems = audit_site(out)
    assert not problems, f"unsafe output in {len(problems)} files:\n" + describe(problems)
    built = total - len(refused)
    assert built > len(PAYLOADS), "hardly anything built: the audit saw too little"
    print(f"\ndestinations and names: {total} payload x context combinations, {len(refused)} refused cleanly, "
          f"{built} built and audited ({count} files)")


def config_hub(root: Path, payload: str, crisis: bool) -> Path:
    p = yaml_string(payload)
    crisis_text = f"crisis:\n  text: {p}\n" if crisis else ""
    return write_hub(root, {
        "signpost.yml": f"title: {p}\nbase_url: {SITE_URL}\n{crisis_text}acknowledgement: {p}\n"
                        f"taxonomies:\n  region:\n    title: {p}\n    terms:\n      wa: {p}\n"
                        f"  tags:\n    title: {p}\n    open: true\n",
        "content/_index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "content/a.md": "---\ntitle: A page\nregion: wa\ntags: [t]\n---\n\nText.\n",
    })


def test_config_payloads_are_inert(signpost_bin, tmp_path):
    # The site title, crisis text (inline Markdown), acknowledgement, taxonomy titles and term
    # labels: one hub per payload. Crisis text that is not one paragraph, or links to a script
    # address, is refused.
    def build(i: int) -> tuple[int, list[str], bool, int]:
        root = tmp_path / f"h{i:03d}"
        payload = PAYLOADS[i]
        hub = config_hub(root / "hub", payload, crisis=True)
        result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", root / "out"])
        crisis_refused = False
        if result.returncode != 0:
            codes = {m["code"] for m in assert_clean_refusal(result, root / "out")}
            assert codes in ({"invalid-crisis-text"}, {"unsafe-link"}), (payload, result.stderr)
            crisis_refused = True
            shutil.rmtree(root / "hub")
            hub = config_hub(root / "hub", payload, crisis=False)
            result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", root / "out"])
            assert result.returncode == 0, (payload, result.stderr)
        count, problems = audit_site(root / "out")
        shutil.rmtree(root)
        return i, [f"{payload!r}: {line}" for line in describe(problems).splitlines() if problems], crisis_refused, count

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        outcomes = list(pool.map(build, range(len(PAYLOADS))))
    problems = [line for _, found, _, _ in outcomes for line in found]
    assert not problems, "unsafe output:\n" + "\n".join(problems[:30])
    refused = sum(1 for _, _, r, _ in outcomes if r)
    assert refused < len(PAYLOADS) / 2, "crisis text was refused so often that it was hardly checked"
    pairs = 6 * len(PAYLOADS)
    print(f"\nconfig: {len(PAYLOADS)} payloads x 6 contexts = {pairs} combinations; crisis text refused "
          f"cleanly for {refused}, the rest built and audited")


def test_contact_addresses_with_payloads_are_errors(signpost_bin, tmp_path):
    # website, phone and email are checked, so a payload there is an error at its own line.
    files = {"signpost.yml": HUB_CONFIG, "content/_index.md": "---\ntitle: Home\n---\n"}
    for i, payload in enumerate(PAYLOADS):
        p = yaml_string(payload)
        files[f"content/c{i:03d}.md"] = (f"---\ntitle: Contact {i}\ncontact:\n  website: {p}\n  phone: {p}\n  email: {p}\n---\n\nText.\n")
    hub = write_hub(tmp_path / "hub", files)
    result = run_signpost_bin(signpost_bin, ["build", "--source", hub, "--output", tmp_path / "out"])
    errors = assert_clean_refusal(result, tmp_path / "out")
    at = {(m["file"], int(m["line"])) for m in errors}
    missing = [(f"content/c{i:03d}.md", line) for i in range(len(PAYLOADS)) for line in (4, 5, 6)
               if (f"content/c{i:03d}.md", line) not in at]
    assert not missing, f"no error for {missing[:10]}\n{result.stderr[-3000:]}"
    print(f"\ncontact: {len(PAYLOADS)} payloads x 3 fields = {3 * len(PAYLOADS)} combinations, each an error")


# --- in the browser -----------------------------------------------------------------------------


def assert_no_script_ran(driver, where: str) -> None:
    try:
        text = driver.switch_to.alert.text
        driver.switch_to.alert.dismiss()
    except NoAlertPresentException:
        pass
    else:
        pytest.fail(f"{where}: a script from content ran: an alert says {text!r}", pytrace=False)
    flag = driver.execute_script("return window.__xss === undefined ? null : String(window.__xss);")
    assert flag is None, f"{where}: a script from content set window.__xss = {flag!r}"


def visit(driver, url: str) -> None:
    try:
        driver.get(url)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    except UnexpectedAlertPresentException as error:
        pytest.fail(f"{url}: a script from content opened an alert ({error.alert_text!r})", pytrace=False)


def test_no_payload_runs_in_the_browser(browser, xss_hub):
    site = xss_hub.site
    hostile = [i for i, p in enumerate(PAYLOADS) if "__xss" in p or "alert" in p.lower() or "msgbox" in p.lower()]
    tag_pages = sorted({href for i in hostile for href in re.findall(
        r'href="(/hub/tags/[^"]+/)"', (site / "p" / f"s{i:03d}" / "page" / "index.html").read_text(encoding="utf-8"))
        if not href.endswith(f"tag-{i}/")})
    leave_pages = sorted({href for i in hostile[:20] for href in re.findall(
        r'href="(/hub/leave/[^"]+/)"', (site / "p" / f"s{i:03d}" / "page" / "index.html").read_text(encoding="utf-8"))})
    paths = ["/hub/", "/hub/a-z/", "/hub/tags/", "/hub/p/", "/hub/404.html", *tag_pages[:40], *leave_pages[:20]]
    paths += [f"/hub/p/s{i:03d}/page/" for i in range(len(PAYLOADS))]
    paths += [f"/hub/p/s{i:03d}/" for i in hostile[::3]]
    assert len(tag_pages) > 20 and len(leave_pages) >= 20
    searches = ["xss", "alert", "script", "onerror", "javascript", "svg", "iframe", "<img src=x onerror=alert(1)>"]

    with serve(xss_hub.root) as server:
        for path in paths:
            visit(browser, server + path)
            assert_no_script_ran(browser, path)
        for query in searches:
            url = f"{server}/hub/search/?q={query}"
            visit(browser, url)
            WebDriverWait(browser, 10).until(lambda d: d.execute_script(
                "return performance.getEntriesByName('signpost-search-ready').length > 0;"))
            shown = browser.execute_script("return document.querySelectorAll('[data-search-results] li').length;")
            if query in ("xss", "alert"):
                assert shown > 0, f"search for {query!r} found nothing: the payload pages were not in the results"
            assert_no_script_ran(browser, f"search ?q={query}")
    print(f"\nbrowser: {len(paths)} pages and {len(searches)} searches loaded, no script ran")


# --- a build killed part-way ---------------------------------------------------------------------


def leftovers(parent: Path) -> list[str]:
    return sorted(e for e in os.listdir(parent) if ".signpost-staging-" in e or ".signpost-old-" in e)


@pytest.fixture(scope="module")
def big_hub(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    result = subprocess.run([sys.executable, str(BENCH_GENERATOR), "--pages", "3000", "--out", str(folder), "--no-hugo"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return folder


def start_build(signpost_bin: Path, hub: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([str(signpost_bin), "build", "--source", str(hub), "--output", str(out)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_staging(process: subprocess.Popen, out: Path) -> Path:
    staging = out.parent / f".{out.name}.signpost-staging-{process.pid}"
    deadline = time.monotonic() + 120
    while not staging.exists():
        assert process.poll() is None, "the build ended before its staging folder appeared"
        assert time.monotonic() < deadline, "no staging folder after 120 s"
        time.sleep(0.002)
    return staging


def test_a_killed_build_leaves_the_previous_site_as_it_was(signpost_bin, big_hub, tmp_path):
    parent = tmp_path / "public"
    out = parent / "site"
    # The first build is timed, so the kill points below fall in the same phases on a fast or a
    # slow machine, with a debug or a release binary.
    started = time.monotonic()
    first = start_build(signpost_bin, big_hub, out)
    wait_for_staging(first, out)
    staging_after = time.monotonic() - started
    _, stderr = first.communicate(timeout=300)
    writing = time.monotonic() - started - staging_after
    assert first.returncode == 0, stderr
    before = tree_state(out)
    assert len(before) > 3000
    site_folder = out.stat().st_ino  # the swap puts another folder at `out`, by one exchange or two renames

    page = sorted(p for p in (big_hub / "content" / "training").glob("*.md") if p.name != "_index.md")[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added by the interrupted build test.\n", encoding="utf-8")

    # Kill points: at once, while reading and rendering, as the staging folder appears, and while
    # files are being written into it (before the swap, so the old site must still be there).
    kill_points = [("at once", False, 0.0), ("while rendering", False, 0.4 * staging_after),
                   ("as staging appears", True, 0.0), ("while writing", True, 0.2 * writing),
                   ("later while writing", True, 0.5 * writing)]
    for what, after_staging, delay in kill_points:
        process = start_build(signpost_bin, big_hub, out)
        try:
            staging = wait_for_staging(process, out) if after_staging else None
            time.sleep(delay)
            swapped = not out.is_dir() or out.stat().st_ino != site_folder
            process.send_signal(signal.SIGKILL)
        finally:
            process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL, f"{what}: the build had already ended ({process.returncode})"
        assert not swapped, f"{what}: the kill came too late (the swap had begun)"
        if staging and delay:
            written = sum(len(names) for _, _, names in os.walk(staging))
            assert written > 10, f"{what}: only {written} files were being written: not a kill mid-write"
        assert out.is_dir(), f"{what}: the output folder is gone"
        after = tree_state(out)
        assert after == before, f"{what}: the previous site changed ({len(set(after.items()) ^ set(before.items()))} differences)"

    third = run_signpost_bin(signpost_bin, ["build", "--source", big_hub, "--output", out])
    assert third.returncode == 0, third.stderr
    # Whatever the killed builds left is gone (an empty staging folder too:
    # test_an_empty_staging_folder_from_a_killed_build_is_removed makes that case directly).
    assert sorted(os.listdir(parent)) == [".site.signpost-lock", "site"]
    built = [p for p in out.rglob("index.html") if "A sentence added by the interrupted build test." in p.read_text(encoding="utf-8")]
    assert len(built) == 1, "the edit is not in the rebuilt site"


def test_an_empty_staging_folder_from_a_killed_build_is_removed(make_hub, run_signpost, tmp_path):
    # The state test_a_killed_build_leaves_the_previous_site_as_it_was reaches when its kill lands
    # between the two steps, made directly so the outcome does not depend on timing.
    hub = make_hub(tmp_path / "hub", {"content/_index.md": "---\ntitle: Home\n---\n\nHello.\n"})
    out = tmp_path / "public" / "site"
    assert run_signpost(["build", "--source", hub, "--output", out]).returncode == 0
    (tmp_path / "public" / ".site.signpost-staging-4194303").mkdir()
    result = run_signpost(["build", "--source", hub, "--output", out])
    assert result.returncode == 0, result.stderr
    assert leftovers(tmp_path / "public") == []


# --- --output refusals ---------------------------------------------------------------------------


def refusal_setup(tmp_path: Path, make_hub) -> tuple[Path, dict[str, Path]]:
    hub = make_hub(tmp_path / "parent" / "hub", {
        "content/_index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "content/a.md": "---\ntitle: A\n---\n\nText.\n",
        "static/robots-extra.txt": "keep me\n",
    })
    own = tmp_path / "documents"
    own.mkdir()
    (own / "thesis.docx").write_bytes(b"PK\x03\x04 years of work")
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(target, target_is_directory=True)
    marked = tmp_path / "old-site"
    marked.mkdir()
    (marked / ".signpost-output").write_text(
        "This folder was written by signpost build, which replaces it on every build. Its files:\nindex.html\n", encoding="utf-8")
    (marked / "index.html").write_text("old\n", encoding="utf-8")
    (marked / "photo.jpg").write_bytes(b"\xff\xd8 a photo someone added")
    outputs = {
        "the hub itself": hub,
        "content/": hub / "content",
        "a folder inside content/": hub / "content" / "out",
        "static/": hub / "static",
        "the hub's parent": hub.parent,
        "a folder of the user's own files": own,
        "a symlink to a folder": tmp_path / "link",
        "a site folder with a file someone added": marked,
    }
    return hub, outputs


# Each case, with what the error must say.
REFUSALS = {
    "the hub itself": "it is the hub's own folder or contains it",
    "content/": "it is inside content/",
    "a folder inside content/": "it is inside content/",
    "static/": "it is inside static/",
    "the hub's parent": "it is the hub's own folder or contains it",
    "a folder of the user's own files": "the folder is not empty and was not made by Signpost",
    "a symlink to a folder": "it is a symbolic link",
    "a site folder with a file someone added": "it holds files Signpost did not write (such as photo.jpg)",
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_unsafe_output_folders_are_refused_and_left_alone(run_signpost, make_hub, tmp_path, case):
    hub, outputs = refusal_setup(tmp_path, make_hub)
    output = outputs[case]
    watched = output.resolve()
    before = tree_state(watched) if output.exists() else None
    result = run_signpost(["build", "--source", hub, "--output", output])
    assert result.returncode == 1, f"{case}: exit {result.returncode}\n{result.stderr}"
    assert f"error[unsafe-output]: refusing to write the site here: {REFUSALS[case]}" in result.stderr, result.stderr
    assert NOT_WRITTEN in result.stderr
    if before is None:
        assert not output.exists(), f"{case}: the refused folder was made"
    else:
        assert tree_state(watched) == before, f"{case}: the folder's contents changed"
    assert os.readlink(tmp_path / "link") == str(tmp_path / "elsewhere"), "the symlink was replaced"


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_output_writes_nothing_anywhere(run_signpost, make_hub, tmp_path, case):
    hub, outputs = refusal_setup(tmp_path, make_hub)
    before = tree_state(tmp_path)
    result = run_signpost(["build", "--source", hub, "--output", outputs[case]])
    assert result.returncode == 1, result.stderr
    after = tree_state(tmp_path)
    added = sorted(after.keys() - before.keys())
    assert after == before, f"{case}: files appeared: {added}"


# --- the dev server ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(signpost_bin, tmp_path_factory):
    """`signpost serve` of the search fixture hub, with symbolic links in static/ to a file and a
    folder outside the hub."""
    hub = tmp_path_factory.mktemp("serve") / "hub"
    shutil.copytree(SERVE_FIXTURE, hub)
    (hub / "static").mkdir(exist_ok=True)
    (hub / "static" / "passwd.txt").symlink_to("/etc/passwd")
    (hub / "static" / "etc").symlink_to("/etc", target_is_directory=True)
    running = Server(signpost_bin, hub)
    yield running
    running.stop()


SECRETS = ("root:", "base_url", "networks:", "audience:")


@pytest.mark.parametrize("path", [
    "/hub/%2e%2e/%2e%2e/etc/passwd",
    "/hub/..;/signpost.yml",
    "/hub/%252e%252e/signpost.yml",
    "/hub/.%2e/signpost.yml",
    "/hub/%2e./signpost.yml",
    "/hub/%c0%ae%c0%ae/signpost.yml",
    "/hub/%c0%af..%c0%afsignpost.yml",
    "/hub/..%00/signpost.yml",
    "/hub/..%00.html",
    "/hub/training/..%2f..%2fsignpost.yml",
    "/hub/training/%2e%2e/%2e%2e/signpost.yml",
    "/hub/%2e%2e%2f%2e%2e%2fsignpost.yml",
    "/hub/..%255c..%255csignpost.yml",
    "/hub/....//....//signpost.yml",
    "/hub/%u002e%u002e/signpost.yml",
    "/hub/./../signpost.yml",
    "/hub/assets/../../signpost.yml",
    "/hub/index.html/../../signpost.yml",
    "//etc/passwd",
    "/hub//etc/passwd",
    "/hub/%2fetc%2fpasswd",
    "/hub/\\..\\signpost.yml",
    "/hub/passwd.txt",
    "/hub/etc/passwd",
    "/hub/etc/",
    "/hub/.signpost-output",
    "/hub/content/_index.md",
    "/hub/static/passwd.txt",
    "http://evil.example/hub/",
    "http://127.0.0.1/hub/../signpost.yml",
    "*",
])
def test_traversal_attempts_reach_nothing(hostile_server, path):
    status, _, body = hostile_server.request(path)
    assert status in (400, 404), f"{path} answered {status}"
    assert not any(secret in body for secret in SECRETS), f"{path} returned a file's contents"


def test_the_symlinks_were_skipped_with_a_warning(run_signpost, hostile_server, tmp_path):
    result = run_signpost(["build", "--source", hostile_server.hub, "--output", tmp_path / "out"])
    assert result.returncode == 0, result.stderr
    assert "static/passwd.txt:1:1: warning[symlink]" in result.stderr
    assert not (tmp_path / "out" / "passwd.txt").exists() and not (tmp_path / "out" / "etc").exists()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io", "127.0.0.1.nip.io:{port}", "", " ", "example.org"])
def test_foreign_host_names_are_refused(hostile_server, host):
    status, _, body = hostile_server.request("/hub/", headers={"Host": host.format(port=hostile_server.port)})
    assert status == 403, f"Host {host!r} answered {status}"
    assert "Search Test Hub" not in body


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "LOCALHOST:{port}", "127.0.0.1", "127.0.0.1:{port}", "[::1]:{port}"])
def test_loopback_host_names_are_served(hostile_server, host):
    status, _, body = hostile_server.request("/hub/", headers={"Host": host.format(port=hostile_server.port)})
    assert status == 200 and "Search Test Hub" in body, f"Host {host!r} answered {status}"


def event_stream_status(server: Server, origin: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest("GET", "/__signpost/events", skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{server.port}")
        connection.putheader("Origin", origin.format(port=server.port))
        connection.endheaders()
        return connection.getresponse().status  # headers only: an allowed stream stays open
    finally:
        connection.close()


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost.evil.example",
                                    "http://localhost.evil.example:{port}", "https://evil.example", "http://localhost@evil.example",
                                    "file://", "chrome-extension://abcdef", "http://203.0.113.5",
                                    "http://203.0.113.5:{port}", "http://127.0.0.1:1", "http://localhost:1",
                                    "http://[::1]:1"])
def test_the_reload_channel_refuses_foreign_origins(hostile_server, origin):
    assert event_stream_status(hostile_server, origin) == 403, origin


@pytest.mark.parametrize("origin", ["http://127.0.0.1:{port}", "http://localhost:{port}", "http://LOCALHOST:{port}"])
def test_the_reload_channel_allows_its_own_origin(hostile_server, origin):
    assert event_stream_status(hostile_server, origin) == 200, origin


PAGE = "content/networks/carer-network.md"
PAGE_URL = "/hub/networks/carer-network/"


def test_a_run_of_broken_edits_never_loses_the_last_good_page(signpost_bin, tmp_path):
    hub = tmp_path / "hub"
    shutil.copytree(SERVE_FIXTURE, hub)
    running = Server(signpost_bin, hub)
    try:
        _, _, good = running.request(PAGE_URL)
        assert "Bring a friend." in good and "signpost-errors" not in good
        page = hub / PAGE
        original = page.read_text(encoding="utf-8")
        broken = [
            ("invalid YAML", original.replace("title: Carer peer network", "title: [unclosed"), "invalid YAML"),
            ("an unknown term", original.replace("audience: carer-workers", 'audience: "<img src=x onerror=window.__xss=1>"'),
             "unknown audience &#39;&lt;img src=x onerror=window.__xss=1&gt;&#39;"),
            ("no title", re.sub(r"(?m)^title: .*\n", "", original), "missing-title"),
            ("a link to a missing page", original.replace("Bring a friend.", "Bring a friend, see [the plan](no-such-page.md)."),
             "no-such-page.md"),
            ("binary garbage", bytes(range(256)) * 4, "not UTF-8"),
            ("an empty file", b"", "missing-title"),
            ("a script URL", original.replace("Bring a friend.", "Bring [a friend](javascript:alert(1))."), "unsafe-link"),
        ]
        for what, content, shown in broken:
            if isinstance(content, bytes):
                page.write_bytes(content)
            else:
                page.write_text(content, encoding="utf-8")
            body = running.wait_for(PAGE_URL, lambda b, s=shown: "signpost-errors" in b and s in b, what)
            assert "Bring a friend." in body and "<h1>Carer peer network</h1>" in body, f"{what}: the last good page is gone"
            assert "<img src=x" not in body, f"{what}: the error list holds unescaped markup"
            assert running.process.poll() is None, f"the server stopped after {what}"
        running.wait_for_line(r"errors above show on every page")

        page.write_text(original.replace("Bring a friend.", "Bring a friend and a map."), encoding="utf-8")
        body = running.wait_for(PAGE_URL, lambda b: "a map" in b and "signpost-errors" not in b, "the fix")
        assert "<h1>Carer peer network</h1>" in body
        status, _, home = running.request("/hub/")
        assert status == 200 and "signpost-errors" not in home
        assert running.process.poll() is None, "the server is no longer running"
    finally:
        running.stop()
