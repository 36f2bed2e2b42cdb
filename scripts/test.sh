#!/usr/bin/env bash
# The one test command (README "Test it", and CI through .ci/run): installs what it needs,
# builds, lints, then runs every test: unit tests and the end-to-end tests inside a real n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

# Reinstall the dev dependencies only when package-lock.json changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci
  echo "$lock_hash" > node_modules/.lock-hash
fi

npm run build
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
