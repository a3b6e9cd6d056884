#!/usr/bin/env python3
"""Measures `signpost serve`: the time from saving one page to the new page being served, for a
body edit (handled on its own) and a front matter edit (a full rebuild in memory). Polls the page
over HTTP as fast as it can after each save.

    python3 scripts/bench-serve.py SIGNPOST_BINARY HUB_DIR [--runs 10]

Edits one page of HUB_DIR and puts it back afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import threading
import sys
import time
from pathlib import Path


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", type=Path)
    parser.add_argument("hub", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    pages = sorted(p for p in (args.hub / "content").rglob("*.md") if p.name != "_index.md")
    # A page whose address comes from its file name (no slug), in the middle of the hub.
    candidates = [p for p in pages if "\nslug:" not in p.read_text(encoding="utf-8").split("\n---", 1)[0]]
    page = candidates[len(candidates) // 2]
    rel = page.relative_to(args.hub / "content").with_suffix("")
    original = page.read_text(encoding="utf-8")
    started = time.monotonic()
    server = subprocess.Popen([str(args.binary), "serve", "--source", str(args.hub), "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Keep reading what serve prints, so its pipe never fills.
    log: list[str] = []
    try:
        port = base = None
        for line in server.stderr:
            match = re.search(r"Serving at http://[^:]+:(\d+)(/\S*)", line)
            if match:
                port, base = int(match[1]), match[2]
                break
        threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
        if port is None:
            print("serve did not start", file=sys.stderr)
            return 1
        ready = time.monotonic() - started
        url = base + "/".join(part.lower().replace(" ", "-") for part in rel.parts) + "/"
        assert "Page not found" not in fetch(port, url), f"{url} is not a page"

        def timed(make_text, marker: str) -> float:
            saved = time.monotonic()
            page.write_text(make_text(marker), encoding="utf-8")
            while marker not in fetch(port, url):
                if time.monotonic() - saved > 60:
                    raise SystemExit(f"{url} did not show the edit within a minute")
            return time.monotonic() - saved

        body_times, front_times = [], []
        for run in range(args.runs):
            body_times.append(timed(lambda m: original + f"\n\nEdited {m}.\n", f"bodymark{run}x"))
            time.sleep(0.2)
        for run in range(max(3, args.runs // 3)):
            marker = f"summarymark{run}x"
            front_times.append(timed(lambda m: original.replace("\ntitle:", f"\nsummary: {m}\ntitle:", 1)
                                     if "\nsummary:" not in original else
                                     re.sub(r"\nsummary:.*", f"\nsummary: {m}", original, count=1), marker))
            time.sleep(0.2)
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)

    def ms(values):
        return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"

    pages_count = len(pages)
    print(f"serve, {pages_count} pages: first build and listening after {ready:.2f} s")
    print(f"  save -> served, body edit:         {ms(body_times)} over {len(body_times)} edits")
    print(f"  save -> served, front matter edit: {ms(front_times)} over {len(front_times)} edits (full rebuild)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
