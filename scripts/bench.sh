#!/usr/bin/env bash
# Benchmarks in a real n8n against the sandbox; prints figures and writes bench/results.md (see scripts/bench.mjs).
# `npm run bench -- --queue` runs only the queue-mode part (scripts/bench-queue.mjs), which needs Postgres and Redis;
# `npm run bench -- --throughput` only part 1 (the Thinkeo node beside the HTTP Request node on 1000 GETs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/queue-services.sh
. scripts/prepare.sh
# GNU time measures the peak memory of the n8n process.
if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time with apt-get" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time) >&2
fi
node scripts/bench.mjs "$@"
# Rate limits (its own section of bench/results.md): the node in-process at several limits, then in n8n beside the
# HTTP Request node at 20 requests per second, each time as a ratio to the ideal.
case "${1:-}" in --queue | --throughput) ;; *) node scripts/bench-rate-limit.mjs ;; esac
