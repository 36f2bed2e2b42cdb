#!/usr/bin/env bash
# Benchmarks in a real n8n against the sandbox; prints figures (see scripts/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
exec node scripts/bench.mjs "$@"
