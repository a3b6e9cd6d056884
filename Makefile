# The two commands a new machine needs:
#   make site   builds the sample hub into site/
#   make test   runs every test (Swift unit and end-to-end tests, then CLI, accessibility and
#               HTML-validity tests in a real browser)
# Each installs what it needs first and skips what is already there.

SWIFT ?= swift
DEBUG_BIN := .build/debug/signpost
RELEASE_BIN := .build/release/signpost

.PHONY: site test build-deps test-deps swift-test python-test embed-theme check-theme bench clean

site: build-deps
	$(SWIFT) build -c release --product signpost
	$(RELEASE_BIN) build --source . --output site

test: build-deps test-deps check-theme swift-test python-test

build-deps:
	@bash scripts/install-build-deps.sh

test-deps:
	@bash scripts/install-test-deps.sh

swift-test:
	$(SWIFT) build
	$(SWIFT) test

python-test:
	SIGNPOST_BIN=$(CURDIR)/$(DEBUG_BIN) .venv/bin/pytest -q tests/python

# The default theme ships inside the binary as generated Swift source.
embed-theme:
	python3 scripts/embed-theme.py

check-theme:
	python3 scripts/embed-theme.py --check

# Times `signpost build` on the benchmark corpora beside Hugo (see scripts/bench.sh).
bench: build-deps test-deps
	$(SWIFT) build -c release --product signpost
	bash scripts/bench.sh

clean:
	rm -rf .build
