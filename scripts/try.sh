#!/usr/bin/env bash
# "Try it": the Thinkeo sandbox plus a local n8n on http://127.0.0.1:5678 with this package installed, its owner
# account, a credential pointing at the sandbox and an example workflow. n8n's data stays in the tool cache between
# runs; `npm run try -- --fresh` starts afresh. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
exec node scripts/try.mjs "$@"
