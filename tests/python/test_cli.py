"""The `signpost` command line: exit codes, error reports and atomic output (SPEC sections 3, 5, 7)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import tree_state

GOOD_PAGE = """\
---
title: A good page
summary: Nothing wrong here.
audience: [managers]
---

Some text.
"""

# Three mistakes in two files. Line and column numbers are 1-based and count the `---` line.
PAGE_WITH_TWO_MISTAKES = """\
---
title: Training for managers
audience: [managers, carers]
sumary: A typo in a field name
---

Body text.
"""

PAGE_WITHOUT_TITLE = """\
---
summary: This page has no title
audience: managers
---

Body text.
"""

# (path, line, column, texts that the message must contain)
EXPECTED_ERRORS = [
    (
        "content/training/managers.md",
        3,
        22,  # the "c" of "carers"
        ["carers", "did you mean 'carer-workers'?"],
    ),
    (
        "content/training/managers.md",
        4,
        1,  # the unknown key
        ["sumary", "did you mean 'summary'?"],
    ),
    (
        # A missing field has no value to point at: the error points at the start of the
        # front matter's mapping (the first key, on the line after `---`).
        "content/no-title.md",
        2,
        1,
        ["title"],
    ),
]

ERROR_LINE = re.compile(
    r"^(?P<path>\S[^:]*):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.+)$"
)


def broken_hub_files() -> dict[str, str]:
    return {
        "content/_index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "content/good.md": GOOD_PAGE,
        "content/training/managers.md": PAGE_WITH_TWO_MISTAKES,
        "content/no-title.md": PAGE_WITHOUT_TITLE,
    }


def good_hub_files() -> dict[str, str]:
    return {
        "content/_index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "content/good.md": GOOD_PAGE,
        "content/training/_index.md": "---\ntitle: Training\n---\n",
        "content/training/course.md": "---\ntitle: A course\naudience: carer-workers\n---\n\nText.\n",
    }


def describe_difference(before: dict, after: dict) -> str:
    lines = []
    for key in sorted(before.keys() - after.keys()):
        lines.append(f"removed: {key}")
    for key in sorted(after.keys() - before.keys()):
        lines.append(f"added: {key}")
    for key in sorted(before.keys() & after.keys()):
        if before[key] != after[key]:
            what = "content" if before[key][:2] != after[key][:2] else "modification time"
            lines.append(f"changed ({what}): {key}")
    return "\n".join(lines)


# --- (a) every content error, with file:line:col ----------------------------------------------


def test_content_errors_are_all_reported_with_line_and_column(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", broken_hub_files())
    # Run from elsewhere: paths in errors are relative to the hub root, not the working folder.
    result = run_signpost(["build", "--source", hub], cwd=tmp_path)
    stderr = result.stderr

    assert result.returncode == 1, f"expected exit 1, got {result.returncode}\n{stderr}"
    assert not (hub / "site").exists(), "a failed build wrote the site"

    lines = stderr.splitlines()
    reported = [(i, m) for i, line in enumerate(lines) if (m := ERROR_LINE.match(line))]
    assert len(reported) == len(EXPECTED_ERRORS), (
        f"expected {len(EXPECTED_ERRORS)} errors, got {len(reported)}:\n{stderr}"
    )

    sources = {rel: text.splitlines() for rel, text in broken_hub_files().items()}
    for path, line, col, texts in EXPECTED_ERRORS:
        prefix = f"{path}:{line}:{col}: error["
        hits = [(i, m) for i, m in reported if lines[i].startswith(prefix)]
        assert hits, f"no error line starting with {prefix!r} in:\n{stderr}"
        i, m = hits[0]
        for text in texts:
            assert text in m["msg"], f"{lines[i]!r} does not mention {text!r}"

        # The offending source line, indented, then a caret under the column.
        source_line = sources[path][line - 1]
        assert i + 2 < len(lines), f"no source and caret lines after {lines[i]!r}"
        quoted, caret = lines[i + 1], lines[i + 2]
        indent = quoted[: len(quoted) - len(quoted.lstrip(" "))]
        assert indent and quoted == indent + source_line, (
            f"expected the source line {source_line!r}, indented, after {lines[i]!r}; "
            f"got {quoted!r}"
        )
        assert caret == indent + " " * (col - 1) + "^", (
            f"caret line {caret!r} does not point at column {col} of {source_line!r}"
        )

    assert f"{len(EXPECTED_ERRORS)} errors" in stderr.splitlines()
    assert "The site was not written; the previous one, if any, is unchanged." in stderr


# --- (b) a failed build leaves the previous site untouched -------------------------------------


def test_failed_build_leaves_previous_site_untouched(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", good_hub_files())
    out_parent = tmp_path / "out"
    out_parent.mkdir()
    out = out_parent / "site"

    first = run_signpost(["build", "--source", hub, "--output", out])
    assert first.returncode == 0, first.stderr
    assert (out / "index.html").is_file()

    before = tree_state(out)
    parent_before = sorted(os.listdir(out_parent))

    make_hub(hub, broken_hub_files())  # adds the mistakes, keeps the good pages
    second = run_signpost(["build", "--source", hub, "--output", out])
    assert second.returncode == 1, f"exit {second.returncode}\n{second.stderr}"

    after = tree_state(out)
    assert after == before, "the previous site changed:\n" + describe_difference(before, after)
    assert sorted(os.listdir(out_parent)) == parent_before, (
        "the failed build left files beside the output folder: "
        f"{sorted(set(os.listdir(out_parent)) - set(parent_before))}"
    )


def test_failed_build_without_previous_site_creates_nothing(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", broken_hub_files())
    out_parent = tmp_path / "out"
    out_parent.mkdir()
    result = run_signpost(["build", "--source", hub, "--output", out_parent / "site"])
    assert result.returncode == 1, result.stderr
    assert os.listdir(out_parent) == [], f"left behind: {os.listdir(out_parent)}"


# --- (c) --help ----------------------------------------------------------------------------


def test_top_level_help(run_signpost):
    result = run_signpost(["--help"])
    assert result.returncode == 0, result.stderr
    assert "build" in result.stdout, result.stdout


@pytest.mark.parametrize("args", [["build", "--help"], ["help", "build"]], ids=" ".join)
def test_build_help(run_signpost, args):
    result = run_signpost(args)
    assert result.returncode == 0, result.stderr
    for flag in ("--output", "--source", "--base-url", "--drafts", "--jobs"):
        assert flag in result.stdout, f"{flag} is not in the help:\n{result.stdout}"


# --- (d) usage errors are not content errors ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--jobs", "0"],
        ["build", "--jobs", "many"],
        ["build", "--nope"],
        ["frobnicate"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_with_another_code(make_hub, run_signpost, tmp_path, args):
    hub = make_hub(tmp_path / "hub", good_hub_files())
    result = run_signpost([*args], cwd=hub)
    assert result.returncode not in (0, 1), (
        f"{args} exited {result.returncode}; usage errors must use a code other than 0 and 1\n"
        f"{result.stderr}"
    )
    assert result.stderr.strip(), "a usage error must say what is wrong on stderr"
    assert not (hub / "site").exists(), "a usage error built the site"


# --- (e) a good build ------------------------------------------------------------------------


def test_successful_build_writes_site(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", good_hub_files())
    result = run_signpost(["build", "--source", hub], cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    site = hub / "site"
    assert (site / "index.html").is_file(), "no site/index.html under the hub"
    assert (site / "good" / "index.html").is_file()
    assert (site / "training" / "index.html").is_file()
    assert (site / "training" / "course" / "index.html").is_file()

    summary = result.stderr.strip()
    assert summary and len(summary.splitlines()) == 1, (
        f"expected one summary line on stderr, got:\n{result.stderr}"
    )
    assert "error" not in summary.lower()


def test_successful_build_from_the_hub_folder(make_hub, run_signpost, tmp_path):
    hub = make_hub(tmp_path / "hub", good_hub_files())
    result = run_signpost(["build"], cwd=hub)
    assert result.returncode == 0, result.stderr
    assert (hub / "site" / "index.html").is_file()


def read_tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_is_byte_identical_across_processes_jobs_and_environments(signpost_bin, repo_root, tmp_path):
    # Separate processes, so Swift's per-process hash seeds differ: any Set or Dictionary order that
    # leaks into the output shows up here. Time zone, locale and umask must not matter either.
    outputs = []
    for jobs, env in [("1", {"TZ": "UTC", "LANG": "C"}), ("2", {"TZ": "Australia/Perth", "LANG": "en_AU.UTF-8"}),
                      ("3", {"TZ": "America/New_York", "LANG": "de_DE.UTF-8"})]:
        out = tmp_path / f"out-{jobs}"
        result = subprocess.run(
            ["sh", "-c", 'umask 077 && exec "$@"', "sh", str(signpost_bin), "build", "--source", str(repo_root),
             "--output", str(out), "--jobs", jobs],
            env={**os.environ, **env}, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(read_tree(out))
    assert len(outputs[0]) > 50
    assert outputs[0] == outputs[1] == outputs[2]
