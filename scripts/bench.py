#!/usr/bin/env python3
"""Signpost beside Hugo on the benchmark corpora, in one session, with the floor.

For each corpus size: one warm-up run of each tool, then RUNS rounds in which Signpost and Hugo
alternate (the one that goes first alternates too), each run under GNU time for CPU time and
peak RSS. Then the floor: cmark over every body with front matter stripped (the parse floor),
`cat` of every input file (the read floor) and `cp -r` of Signpost's own output (the write
floor). Signpost runs with `--timings`, so the stage times come from the same runs.

Prints a Markdown report (also written to WORK/results/bench.md, with the raw numbers in
WORK/results/bench.json) with medians, ratios and the goals of the performance issue.

    python3 scripts/bench.py --signpost .build/release/signpost --hugo PATH --work DIR \
        --sizes 1000 10000 --runs 5
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_timed(command, stdout=subprocess.DEVNULL, env=None):
    """Runs command under GNU time -v: wall (s), cpu (user + sys, s), peak RSS (MB), its output."""
    time_file = os.path.join(ARGS.work, "time.txt")
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", "-o", time_file] + command,
                            stdout=subprocess.PIPE if stdout is None else stdout,
                            stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("bench: failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr[-2000:]))
    fields = {}
    with open(time_file) as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    rss = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return wall, cpu, rss, (result.stdout or "") + result.stderr


def stage_times(report):
    """`signpost build --timings` lines: '  parse   0.123 s   0.240 s' (wall, then CPU) ->
    {'parse': 0.123}, {'parse': 0.240}."""
    wall, cpu = {}, {}
    for line in report.splitlines():
        match = re.match(r"^  (\S.*?)\s+([0-9.]+) s\s+([0-9.]+) s$", line)
        if match:
            wall[match.group(1)] = float(match.group(2))
            cpu[match.group(1)] = float(match.group(3))
    return wall, cpu


def bodies_file(corpus, out):
    """Every Markdown file's body, front matter stripped, concatenated: cmark's input."""
    paths = []
    for folder, dirs, files in os.walk(os.path.join(corpus, "content")):
        dirs.sort()
        paths += [os.path.join(folder, name) for name in sorted(files) if name.endswith(".md")]
    with open(out, "w", encoding="utf-8") as o:
        for path in paths:
            text = open(path, encoding="utf-8").read()
            if text.startswith("---\n"):
                text = text[text.index("\n---\n", 4) + 5:]
            o.write(text.lstrip("\n") + "\n\n")


def median_wall(command, runs, prepare=None):
    walls = []
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        subprocess.run(command, shell=isinstance(command, str), stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def summarise(samples):
    return {
        "wall": statistics.median(s[0] for s in samples),
        "wall_min": min(s[0] for s in samples),
        "wall_max": max(s[0] for s in samples),
        "cpu": statistics.median(s[1] for s in samples),
        "rss": statistics.median(s[2] for s in samples),
    }


def bench_size(size):
    work = ARGS.work
    corpus = os.path.join(work, "corpus-%d" % size)
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(ARGS.bench_dir, "gen_corpus.py"), "--pages", str(size),
                        "--out", corpus], stdout=subprocess.DEVNULL, check=True)
    ours_out = os.path.join(work, "signpost-out-%d" % size)
    hugo_out = os.path.join(work, "hugo-out-%d" % size)
    tools = {"signpost": [ARGS.signpost, "build", "--source", corpus, "--output", ours_out, "--timings"]}
    if ARGS.hugo:
        tools["hugo"] = [ARGS.hugo, "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_out]
    outputs = {"signpost": ours_out, "hugo": hugo_out}

    samples = {name: [] for name in tools}
    stages = []
    names = list(tools)
    for round_number in range(-1, ARGS.runs):  # round -1 is the warm-up
        order = names if round_number % 2 == 0 else list(reversed(names))
        for name in order:
            shutil.rmtree(outputs[name], ignore_errors=True)
            wall, cpu, rss, text = run_timed(tools[name], stdout=None)
            if round_number < 0:
                continue
            samples[name].append((wall, cpu, rss))
            if name == "signpost":
                stages.append(stage_times(text))
        print("  %d pages, round %d of %d done" % (size, round_number + 1, ARGS.runs), file=sys.stderr)

    result = {name: summarise(values) for name, values in samples.items()}
    result["stages"] = {stage: statistics.median(s[0].get(stage, 0) for s in stages) for stage in stages[0][0]}
    result["stage_cpu"] = {stage: statistics.median(s[1].get(stage, 0) for s in stages) for stage in stages[0][1]}

    # What a contributor's rebuild costs: the same build over the site the last one left, which the
    # build replaces (a new site beside it, swapped in, the old one deleted).
    result["rebuild"] = median_wall(tools["signpost"], ARGS.runs)

    # The floor.
    bodies = os.path.join(work, "bodies-%d.md" % size)
    bodies_file(corpus, bodies)
    copy = os.path.join(work, "cp-%d" % size)
    result["floor"] = {
        "cmark": median_wall(["cmark", "--smart", bodies], ARGS.runs),
        "cat": median_wall("find %s/content -type f -print0 | xargs -0 cat > /dev/null" % corpus, ARGS.runs),
        "cp": median_wall(["cp", "-r", ours_out, copy], ARGS.runs, prepare=lambda: shutil.rmtree(copy, ignore_errors=True)),
        "bodies_mb": os.path.getsize(bodies) / 1e6,
    }
    shutil.rmtree(copy, ignore_errors=True)
    result["floor"]["total"] = result["floor"]["cmark"] + result["floor"]["cat"] + result["floor"]["cp"]
    files = sum(len(f) for _, _, f in os.walk(ours_out))
    result["output"] = {"files": files, "mb": sum(os.path.getsize(os.path.join(d, n)) for d, _, fs in os.walk(ours_out) for n in fs) / 1e6}
    return result


def report(results):
    lines = []
    out = lines.append
    sizes = sorted(results)
    out("| measure | " + " | ".join("%d pages" % s for s in sizes) + " |")
    out("| --- |" + " --- |" * len(sizes))

    def row(label, cell):
        out("| %s | %s |" % (label, " | ".join(cell(results[s]) for s in sizes)))

    def timing(r):
        return "%.2f s (%.2f–%.2f)" % (r["wall"], r["wall_min"], r["wall_max"])

    row("Signpost build, wall (median, min–max)", lambda r: timing(r["signpost"]))
    row("Signpost build, CPU (user + sys)", lambda r: "%.2f s" % r["signpost"]["cpu"])
    row("Signpost build, peak RSS", lambda r: "%.0f MB" % r["signpost"]["rss"])
    row("Signpost rebuild over its previous site, wall (median)", lambda r: "%.2f s" % r["rebuild"])
    if all("hugo" in results[s] for s in sizes):
        row("Hugo build, wall (median, min–max)", lambda r: timing(r["hugo"]))
        row("Hugo build, CPU (user + sys)", lambda r: "%.2f s" % r["hugo"]["cpu"])
        row("Hugo build, peak RSS", lambda r: "%.0f MB" % r["hugo"]["rss"])
        row("**Hugo wall / Signpost wall** (goal ≥ 2)", lambda r: "**%.2f×**" % (r["hugo"]["wall"] / r["signpost"]["wall"]))
        row("**Signpost RSS / Hugo RSS** (goal ≤ 0.5)", lambda r: "**%.2f**" % (r["signpost"]["rss"] / r["hugo"]["rss"]))
    row("floor: cmark --smart over all bodies", lambda r: "%.2f s (%.1f MB)" % (r["floor"]["cmark"], r["floor"]["bodies_mb"]))
    row("floor: cat of every input file", lambda r: "%.2f s" % r["floor"]["cat"])
    row("floor: cp -r of Signpost's output", lambda r: "%.2f s (%d files, %.0f MB)" % (r["floor"]["cp"], r["output"]["files"], r["output"]["mb"]))
    row("**Signpost wall / floor** (goal ≤ 1.5)", lambda r: "**%.2f×** (floor %.2f s)" % (r["signpost"]["wall"] / r["floor"]["total"], r["floor"]["total"]))
    for stage in results[sizes[0]]["stages"]:
        row("stage: " + stage + " (wall, CPU)", lambda r, stage=stage: "%.3f s, %.3f s" % (r["stages"].get(stage, 0), r.get("stage_cpu", {}).get(stage, 0)))
    if len(sizes) >= 2:
        small, large = results[sizes[0]], results[sizes[-1]]
        factor = sizes[-1] / sizes[0]
        out("")
        out("Scaling, %d to %d pages (%.0f× the pages; goal ≤ %.0f×): Signpost %.1f× the wall time%s." % (
            sizes[0], sizes[-1], factor, factor * 1.2, large["signpost"]["wall"] / small["signpost"]["wall"],
            ", Hugo %.1f×" % (large["hugo"]["wall"] / small["hugo"]["wall"]) if "hugo" in large else ""))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--signpost", required=True)
    parser.add_argument("--hugo", default="")
    parser.add_argument("--work", required=True)
    parser.add_argument("--bench-dir", default=os.path.join(HERE, "..", "..", "shared", "bench"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    global ARGS
    ARGS = parser.parse_args()
    os.makedirs(os.path.join(ARGS.work, "results"), exist_ok=True)
    results = {size: bench_size(size) for size in ARGS.sizes}
    text = report(results)
    with open(os.path.join(ARGS.work, "results", "bench.json"), "w") as f:
        json.dump({str(k): v for k, v in results.items()}, f, indent=2)
    with open(os.path.join(ARGS.work, "results", "bench.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
