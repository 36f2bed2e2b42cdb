#!/usr/bin/env bash
# Sourced by scripts/test.sh and scripts/test-n8n1.sh. run_jest ARGS...: runs jest, then prints a closing line in
# the plain "tests: N passed, N failed" form that CI reads; returns non-zero on any failure or when nothing ran.
# THINKEO_JEST_RESULTS names the results file, for suites that run side by side (scripts/test-queue.sh).
run_jest() {
  local status=0 results="${THINKEO_JEST_RESULTS:-.tmp/jest-results.json}"
  mkdir -p .tmp
  npx jest --ci --json --outputFile="$results" "$@" || status=$?
  RESULTS="$results" node -e '
    const r = require(require("path").resolve(process.env.RESULTS));
    process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`);
    if (r.numTotalTests === 0) process.exit(1);
  ' || status=1
  return "$status"
}
