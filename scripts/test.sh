#!/usr/bin/env bash
# The one test command (README "Test it", and CI through .ci/run): installs what it needs (the toolchain, and
# Debian's Chromium for the editor tests), builds, lints, then runs every test: unit, spec conformance, end-to-end
# inside a real n8n and the editor in a headless browser.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
. scripts/chromium.sh
# n8n-node lint prints only its banner when all is well, and lets warnings through: say what it found.
lint_output=$(npm run --silent lint 2>&1) || { echo "$lint_output"; echo "lint: failed"; exit 1; }
if grep -q "problem" <<<"$lint_output"; then echo "$lint_output"; echo "lint: failed (n8n-node lint found problems)"; exit 1; fi
echo "lint: passed (n8n-node lint, strict mode: 0 problems)"
. scripts/jest.sh
run_jest "$@"
