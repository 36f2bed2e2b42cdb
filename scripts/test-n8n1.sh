#!/usr/bin/env bash
# `npm run test:n8n1`: the end-to-end suite against n8n 1.123.81 on the machine's Node.js 20, to check that the
# package runs on the 1.x line too. Installs that n8n once (next to the 2.x one, see scripts/toolchain.sh).
# Arguments replace the default test path, e.g. `npm run test:n8n1 -- test/e2e/essentials.test.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
N8N1_VERSION=1.123.81
# `--install-only` installs that n8n and stops (.ci/run does it while the 2.x tests run).
install_only=false
if [ "${1:-}" = --install-only ]; then install_only=true; shift; fi
# Build with the usual toolchain (Node.js 24), skipping the n8n 2.x install this run does not need.
if $install_only; then THINKEO_SKIP_N8N=1 . scripts/toolchain.sh; else THINKEO_SKIP_N8N=1 . scripts/prepare.sh; fi
# The machine's own Node.js: the first one on PATH that is not the toolchain's Node.js 24.
node20="${THINKEO_N8N1_NODE:-$(type -ap node | grep -v "^$CACHE_DIR/" | head -n 1 || true)}"
if ! "$node20" -e 'const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major === 20 && minor >= 19 ? 0 : 1)' 2>/dev/null; then
  echo "test:n8n1 needs Node.js 20.19 or a later 20.x on PATH (or THINKEO_N8N1_NODE); found: ${node20:-none}" >&2
  exit 1
fi
thinkeo_install_n8n "$N8N1_VERSION" "$node20" sqlite3
if $install_only; then exit 0; fi
export N8N_BIN N8N_NODE="$node20"
. scripts/jest.sh
if [ $# -eq 0 ]; then
  # The MCP tests stay on 2.x: their example uses MCP Server Trigger 2.1, and n8n 1.123.81 has versions 1 to 2 only.
  set -- test/e2e --testPathIgnorePatterns /node_modules/ /test/queue/ /test/e2e/mcp
fi
run_jest "$@"
