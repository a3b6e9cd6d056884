#!/usr/bin/env bash
# Installs what building Signpost needs beyond Swift itself: cmark (libcmark-dev, found through
# pkg-config). Does nothing when it is already present.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "install-build-deps: Swift is not on PATH; install a Swift 6 toolchain first (https://www.swift.org/install/)" >&2
    exit 1
fi

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
echo "install-build-deps: installing libcmark-dev and pkg-config" >&2
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends libcmark-dev pkg-config
