#!/usr/bin/env bash
# "Try it": the Thinkeo sandbox plus a local n8n on http://127.0.0.1:5678 with this package installed, its owner
# account, a credential pointing at the sandbox and the example workflows (the MCP one published, its URL and secret
# printed). n8n's data stays in the tool cache between
# runs; `npm run try -- --fresh` starts afresh. Ctrl-C stops both.
# Prints one line per step with the time since the start; what the installers and n8n print goes to log files, since
# their warnings (npm's ERESOLVE notices, n8n's offline errors) look like failures and are not.
set -euo pipefail
cd "$(dirname "$0")/.."
TRY_LOGS="$PWD/.tmp/try"
mkdir -p "$TRY_LOGS"
rm -f "$TRY_LOGS"/*.log
started=$SECONDS
# scripts/try.mjs goes on counting from the same start.
export THINKEO_TRY_STARTED_MS=$(date +%s%3N) THINKEO_TRY_LOGS="$TRY_LOGS"
echo "npm run try: logs in $TRY_LOGS/"

# step LABEL LOG FUNCTION: runs FUNCTION in this shell (what it exports stays) with its output in LOG, then prints
# LABEL with the elapsed time; on failure, the end of LOG and where the rest is.
step() {
  local label=$1 log="$TRY_LOGS/$2.log" from=$SECONDS status=0
  "$3" >"$log" 2>&1 || status=$?
  local total=$((SECONDS - started))
  if [ "$status" -ne 0 ]; then
    printf '[%d:%02d] %s failed (exit %d). The end of %s:\n' $((total / 60)) $((total % 60)) "$label" "$status" "$log"
    tail -n 20 "$log"
    exit "$status"
  fi
  printf '[%d:%02d] %s (%d s)\n' $((total / 60)) $((total % 60)) "$label" $((SECONDS - from))
}

node_toolchain() { THINKEO_SKIP_N8N=1 . scripts/toolchain.sh; }
n8n_install() { . scripts/toolchain.sh; }
dependencies() { THINKEO_SKIP_BUILD=1 . scripts/prepare.sh; }
build() { npm run build; }

# The first run installs Node.js 24, n8n and the dev dependencies; later runs find them in place.
step "Node.js 24" toolchain node_toolchain
if [ ! -f "$CACHE_DIR/n8n-$N8N_VERSION/.installed" ]; then
  echo "       installing n8n $N8N_VERSION, once: 5 to 15 minutes"
fi
step "n8n $N8N_VERSION" n8n-install n8n_install
step "dev dependencies" dependencies dependencies
step "build" build build
exec node scripts/try.mjs "$@"
