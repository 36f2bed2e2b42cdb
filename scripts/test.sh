#!/usr/bin/env bash
# The one test command (CONTRIBUTING.md "Test it", and CI through .ci/run): installs what it needs (the toolchain, and
# Debian's Chromium for the editor tests), builds, lints, then runs every test: unit, spec conformance, end-to-end
# inside a real n8n and the editor in a headless browser.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
. scripts/chromium.sh
. scripts/lint.sh
run_lint
. scripts/jest.sh
run_jest "$@"
