#!/usr/bin/env bash
# The one test command (README "Test it", and CI through .ci/run): installs what it needs,
# builds, lints, then runs every test: unit, spec conformance and end-to-end inside a real n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
npm run lint
. scripts/jest.sh
run_jest "$@"
