#!/usr/bin/env bash
# Runs the e2e suite (node's test runner, TAP output ending in "# pass N" / "# fail M").
# Expects the solution built in $E2E_CONFIGURATION (default Release) and e2e/setup.sh done.
set -uo pipefail
cd "$(dirname "$0")"
rm -rf artifacts && mkdir -p artifacts
exec node_modules/.bin/node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=tap tests/*.test.mjs
