# Gloss: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
STAMP := node_modules/.gloss-installed

.PHONY: help deps chromium firefox postgres build test demo bench clean

help:
	@echo "make demo   build Gloss and open the Greek demo article in Chromium (HEADLESS=1: screenshots only)"
	@echo "make test   type-check, unit tests, sync server tests, Chrome and Firefox builds, web-ext lint, end-to-end tests in Chromium and Firefox"
	@echo "make build  installable zips for Chrome and Firefox in .output/"

# npm packages, exactly as locked. Runs again when the lock file changes.
$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	npx wxt prepare
	@touch $@

deps: $(STAMP)

chromium:
	@scripts/ensure-chromium.sh

firefox:
	@scripts/ensure-firefox.sh

postgres:
	@scripts/ensure-postgres.sh

# Builds .output/chrome-mv3 and .output/firefox-mv2 and packs each into a zip.
build: deps
	npx wxt zip
	npx wxt zip -b firefox
	@ls -1 .output/*.zip

# The sync server's tests mostly wait on processes and the database, so they run beside
# the type-check, unit tests and builds (their output follows once they end).
test: deps chromium firefox postgres
	@mkdir -p test-results
	@npm run --silent test:server > test-results/server-tests.log 2>&1 & server=$$!; \
	  npm run --silent typecheck && npm run --silent test:unit && $(MAKE) --no-print-directory build && npm run --silent lint:firefox; \
	  rc=$$?; wait $$server; server_rc=$$?; \
	  echo "--- sync server tests (npm run test:server)"; cat test-results/server-tests.log; \
	  [ $$rc -eq 0 ] && [ $$server_rc -eq 0 ]
	npm run --silent test:e2e

demo: deps chromium
	npx wxt build
	npx tsx scripts/demo.ts

bench: deps chromium postgres
	npx wxt build
	npm run --silent bench

clean:
	rm -rf .output demo-output test-results playwright-report
