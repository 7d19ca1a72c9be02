# The two commands of the README: `make site` and `make test`.
SWIFT ?= swift
SITEGEN = .build/debug/sitegen

.PHONY: site test browser-test deps build release unit-tests preview clean

## Install what is missing, build sitegen, and build the site from Content/ into Public/.
site: deps build
	$(SITEGEN) build

## The whole test suite: Swift unit, golden and CLI tests, then the site in headless Chromium.
test: deps
	scripts/install-deps --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory browser-test

## The browser suite alone (Tests/browser): builds Content/ into a temporary folder, serves it on
## 127.0.0.1, and drives headless Chromium; screenshots and reports go to test-output/.
## pytest exits non-zero when nothing ran (5) as well as when something failed.
browser-test:
	scripts/install-deps --test
	$(SWIFT) build --product sitegen
	SITEGEN=$(SITEGEN) .venv-test/bin/pytest Tests/browser

deps:
	@scripts/install-deps

build:
	$(SWIFT) build --product sitegen

## The release build the benchmark runs (bench/run.py). Swift's runtime and Foundation linked in:
## loading them as shared libraries and binding their symbols was 10-20 ms of every run, a
## twelfth of a one-article edit of a 10,000-article site. SwiftPM takes the flag only on its
## command line.
release:
	@scripts/install-deps --release
	$(SWIFT) build -c release --static-swift-stdlib --product sitegen
	$(SWIFT) build -c release --static-swift-stdlib --product sitegen-bench

## Build with drafts, serve on http://127.0.0.1:8000/ and reload open pages on every save.
preview: deps build
	$(SITEGEN) serve --port 8000

clean:
	rm -rf .build Public .Public.sitegen-* .venv-test test-output
