#!/usr/bin/env bash
# `npm run test:queue`: the queue-mode suite (test/queue/), n8n 2.41.1 as operators scale it: a main process, 2
# workers, Redis and Postgres. The tests start Redis and Postgres themselves (test/support/queue.js); this script
# installs Debian's packages when missing (scripts/queue-services.sh) and the usual toolchain (scripts/prepare.sh).
# Arguments replace the default test path. Ends with the same `tests: N passed, N failed` line as `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/queue-services.sh
. scripts/prepare.sh
. scripts/jest.sh
# Its own results file: CI runs this suite next to the 1.x one (.ci/run).
export THINKEO_JEST_RESULTS="${THINKEO_JEST_RESULTS:-.tmp/jest-results-queue.json}"
run_jest --config test/queue/jest.config.js "${@:-test/queue}"
