"""`signpost check`, `new` and `init` as contributors run them (SPEC sections 3 and 12): exit
statuses, human and JSON output, --strict, silencing, and new hubs and pages that build."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

CONFIG = """title: Tools Hub
base_url: https://example.org/
taxonomies:
  audience:
    title: Audience
    terms: { managers: Managers, carer-workers: Carer workers }
"""

TODAY = datetime.date.today().isoformat()


def page(front: str, body: str) -> str:
    return f"---\n{front}\n---\n{body}"


CLEAN = f"title: Clean\naudience: managers\nreviewed: {TODAY}"

HUB = {
    "signpost.yml": CONFIG,
    "content/clean.md": page(CLEAN, "A page with nothing to fix.\n"),
    # The body starts on line 6: a vague link on line 8, a strikethrough on line 10.
    "content/warned.md": page(CLEAN, "Intro.\n\nFor dates [click here](clean.md).\n\nFees ~~$50~~ waived.\n"),
}

DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.+)$"
)


def diagnostics_in(stderr: str) -> list[tuple[str, int, int, str, str]]:
    return [
        (m["file"], int(m["line"]), int(m["col"]), m["severity"], m["code"])
        for line in stderr.splitlines()
        if (m := DIAGNOSTIC_LINE.match(line))
    ]


def test_check_reports_warnings_with_places_and_a_summary(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", HUB)
    result = run_signpost(["check", "--source", hub])
    assert result.returncode == 0, result.stderr
    assert diagnostics_in(result.stderr) == [
        ("content/warned.md", 8, 11, "warning", "vague-link-text"),
        ("content/warned.md", 10, 6, "warning", "strikethrough"),
    ]
    lines = result.stderr.splitlines()
    # The source line and a caret under the column follow each diagnostic.
    at = lines.index(next(l for l in lines if "[vague-link-text]" in l))
    assert lines[at + 1] == "    For dates [click here](clean.md)."
    assert lines[at + 2] == "    " + " " * 10 + "^"
    assert lines[-1] == "2 warnings in 3 files"
    assert "\x1b[" not in result.stderr, "colour codes when the output is not a terminal"
    assert not (hub / "site").exists(), "check must write nothing"


def test_strict_fails_on_warnings(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", HUB)
    assert run_signpost(["check", "--source", hub, "--strict"]).returncode == 1
    clean = make_hub(tmp_path / "clean", {"signpost.yml": CONFIG, "content/clean.md": HUB["content/clean.md"]})
    result = run_signpost(["check", "--source", clean, "--strict"])
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "No problems in 2 files"


def test_errors_fail_check_with_a_suggestion(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", {**HUB, "content/bad.md": page("title: Bad\naudience: [managerz]", "Text.\n")})
    result = run_signpost(["check", "--source", hub])
    assert result.returncode == 1
    assert ("content/bad.md", 3, 12, "error", "unknown-term") in diagnostics_in(result.stderr)
    assert "did you mean 'managers'?" in result.stderr
    # No "no audience" warning beside the error on the same line: it would say the same thing twice.
    assert result.stderr.splitlines()[-1] == "1 error, 3 warnings in 4 files"


def test_json_output_is_one_object_per_line(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", {**HUB, "content/bad.md": page("title: Bad\naudience: [managerz]", "Text.\n")})
    result = run_signpost(["check", "--source", hub, "--format", "json"])
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(r) == {"file", "line", "column", "severity", "code", "message"} for r in records)
    assert {(r["file"], r["line"], r["column"], r["severity"], r["code"]) for r in records} == {
        ("content/bad.md", 1, 1, "warning", "review-missing"),
        ("content/bad.md", 3, 12, "error", "unknown-term"),
        ("content/warned.md", 8, 11, "warning", "vague-link-text"),
        ("content/warned.md", 10, 6, "warning", "strikethrough"),
    }
    assert result.stderr == "", "JSON mode prints nothing else"


def test_pages_and_the_hub_can_silence_checks(make_hub, run_signpost, tmp_path):
    files = dict(HUB)
    files["content/warned.md"] = page(CLEAN + "\nlint: { ignore: [vague-link-text] }", HUB["content/warned.md"].split("---\n", 2)[2])
    hub = make_hub(tmp_path / "hub", files)
    result = run_signpost(["check", "--source", hub, "--strict"])
    assert [d[4] for d in diagnostics_in(result.stderr)] == ["strikethrough"]

    files["signpost.yml"] = CONFIG + "lint:\n  ignore: [strikethrough]\n"
    hub = make_hub(tmp_path / "hub2", files)
    result = run_signpost(["check", "--source", hub, "--strict"])
    assert result.returncode == 0, result.stderr


def test_init_creates_a_hub_that_builds_and_checks(run_signpost, tmp_path):
    target = tmp_path / "new-hub"
    result = run_signpost(["init", target])
    assert result.returncode == 0, result.stderr
    assert (target / "signpost.yml").is_file() and (target / "content" / "_index.md").is_file()
    checked = run_signpost(["check", "--source", target, "--strict"])
    assert checked.returncode == 0, checked.stderr
    built = run_signpost(["build", "--source", target])
    assert built.returncode == 0, built.stderr
    assert (target / "site" / "training" / "example-course" / "index.html").is_file()

    again = run_signpost(["init", target])
    assert again.returncode == 1
    assert "not empty" in again.stderr


def test_new_writes_a_complete_page_and_never_overwrites(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", {"signpost.yml": CONFIG, "content/_index.md": page("title: Home", "Hi.\n")})
    result = run_signpost(["new", "training/peer-course.md", "--title", "Peer course", "--source", hub])
    assert result.returncode == 0, result.stderr
    created = hub / "content" / "training" / "peer-course.md"
    text = created.read_text(encoding="utf-8")
    for field in ("title:", "summary:", "audience:", "workforce:", "region:", "tags:", "date:", "reviewed:", "# contact:"):
        assert field in text, f"the new page has no {field}"
    assert "#   carer-workers: Carer workers" in text, "the audience choices are listed"

    checked = run_signpost(["check", "--source", hub])
    assert checked.returncode == 0, checked.stderr
    assert run_signpost(["build", "--source", hub]).returncode == 0

    created.write_text(text + "\nMy edits.\n", encoding="utf-8")
    again = run_signpost(["new", "training/peer-course.md", "--source", hub])
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert created.read_text(encoding="utf-8").endswith("My edits.\n")


@pytest.mark.parametrize("command", [["check"], ["new", "x.md"], ["init", "x"]])
def test_every_command_has_help(run_signpost, command):
    result = run_signpost([command[0], "--help"])
    assert result.returncode == 0
    assert "USAGE" in result.stdout.upper()
