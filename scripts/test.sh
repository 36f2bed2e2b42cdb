#!/usr/bin/env bash
# The one test command (README "Test it", and CI through .ci/run): installs what it needs,
# builds, lints, then runs every test: unit, spec conformance and end-to-end inside a real n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
npm run lint

mkdir -p .tmp
status=0
npx jest --ci --json --outputFile=.tmp/jest-results.json "$@" || status=$?
# A closing line in the plain "N passed, N failed" form, read by CI.
node -e '
  const r = require("./.tmp/jest-results.json");
  process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`);
  if (r.numTotalTests === 0) process.exit(1);
' || status=1
exit "$status"
