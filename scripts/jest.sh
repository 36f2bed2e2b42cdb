#!/usr/bin/env bash
# Sourced by scripts/test.sh and scripts/test-n8n1.sh. run_jest ARGS...: runs jest, then prints a closing line in
# the plain "tests: N passed, N failed" form that CI reads; returns non-zero on any failure or when nothing ran.
run_jest() {
  local status=0
  mkdir -p .tmp
  npx jest --ci --json --outputFile=.tmp/jest-results.json "$@" || status=$?
  node -e '
    const r = require("./.tmp/jest-results.json");
    process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`);
    if (r.numTotalTests === 0) process.exit(1);
  ' || status=1
  return "$status"
}
