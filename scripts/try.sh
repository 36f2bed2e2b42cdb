#!/usr/bin/env bash
# "Try it": the Thinkeo sandbox plus a local n8n on http://127.0.0.1:5678 with this package installed,
# a credential pointing at the sandbox and an example workflow imported. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci
  echo "$lock_hash" > node_modules/.lock-hash
fi
npm run build
exec node scripts/try.mjs "$@"
