#!/usr/bin/env bash
# Sourced by scripts/test.sh and scripts/test-quick.sh. run_lint: n8n-node lint (strict), which prints only its
# banner when all is well and lets warnings through: says what it found, and fails on any problem.
run_lint() {
  local lint_output
  lint_output=$(npm run --silent lint 2>&1) || { echo "$lint_output"; echo "lint: failed"; return 1; }
  if grep -q "problem" <<<"$lint_output"; then echo "$lint_output"; echo "lint: failed (n8n-node lint found problems)"; return 1; fi
  echo "lint: passed (n8n-node lint, strict mode: 0 problems)"
}
