#!/usr/bin/env bash
# Sourced by scripts/test-queue.sh and scripts/bench.sh: Debian's Postgres and Redis, installed once. The queue-mode
# tests and benchmark start them as their own processes (test/support/queue.js), never as system services.
queue_services_missing=()
command -v redis-server >/dev/null || queue_services_missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || queue_services_missing+=(postgresql)
if [ ${#queue_services_missing[@]} -gt 0 ]; then
  echo "queue mode: installing ${queue_services_missing[*]} with apt-get" >&2
  # RUNLEVEL=1: the packages' own services stay stopped.
  (set -e; apt-get update -qq
    RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${queue_services_missing[@]}") >&2 || return 1
fi
