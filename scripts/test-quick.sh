#!/usr/bin/env bash
# `npm run test:quick`: lint, unit tests and spec conformance (the node in-process against the sandbox), in about a
# minute on a warm checkout. Needs no n8n install and no build; `npm test` stays the full suite.
# Arguments replace the default test paths, e.g. `npm run test:quick -- test/unit/credential.test.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
THINKEO_SKIP_N8N=1 THINKEO_SKIP_BUILD=1 . scripts/prepare.sh
. scripts/lint.sh
run_lint
. scripts/jest.sh
if [ $# -eq 0 ]; then set -- test/unit test/conformance; fi
run_jest "$@"
