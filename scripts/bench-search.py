#!/usr/bin/env python3
"""Measures the search page of a built site in headless Chromium: time from navigation start,
and from DOMContentLoaded, to the first results shown (the `signpost-search-ready` mark that
search.js sets once the index is loaded and the query in the address has run). The browser
cache is off, so every run fetches search.json.

    .venv/bin/python scripts/bench-search.py SITE_DIR [--query supervision] [--runs 10]

Needs the test tools (scripts/install-test-deps.sh): Selenium, Chromium and chromedriver.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))
from conftest import serve, start_chrome  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="supervision")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    driver = start_chrome()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    from_start, from_dom, results = [], [], 0
    try:
        with serve(args.site) as url:
            for _ in range(args.runs + 1):  # the first run warms Chromium up and is not counted
                driver.get(f"{url}/search/?q={args.query}")
                facts = driver.execute_async_script(
                    """
                    const done = arguments[arguments.length - 1];
                    const poll = () => {
                        const mark = performance.getEntriesByName('signpost-search-ready')[0];
                        if (!mark) { setTimeout(poll, 5); return; }
                        const nav = performance.getEntriesByType('navigation')[0];
                        done({start: mark.startTime, dom: mark.startTime - nav.domContentLoadedEventEnd,
                              results: document.querySelectorAll('[data-search-results] li').length,
                              status: document.getElementById('search-status').textContent});
                    };
                    poll();
                    """
                )
                from_start.append(facts["start"])
                from_dom.append(facts["dom"])
                results = facts["status"]
    finally:
        driver.quit()
    from_start, from_dom = from_start[1:], from_dom[1:]
    print(f"search page, ?q={args.query}: {results}")
    print(f"  navigation start -> first results: median {statistics.median(from_start):.0f} ms "
          f"(min {min(from_start):.0f}, max {max(from_start):.0f}, {args.runs} runs)")
    print(f"  DOMContentLoaded -> first results: median {statistics.median(from_dom):.0f} ms "
          f"(min {min(from_dom):.0f}, max {max(from_dom):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
