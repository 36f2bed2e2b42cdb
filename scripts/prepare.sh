#!/usr/bin/env bash
# Sourced by the test, try-it and benchmark commands: the pinned toolchain (scripts/toolchain.sh), the dev
# dependencies (reinstalled only when package-lock.json changed since the last install) and a fresh build.
. scripts/toolchain.sh || return 1
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci || return 1
  echo "$lock_hash" > node_modules/.lock-hash
fi
npm run build || return 1
