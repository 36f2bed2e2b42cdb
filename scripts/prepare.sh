#!/usr/bin/env bash
# Sourced by the test, try-it and benchmark commands: the pinned toolchain (scripts/toolchain.sh), the dev
# dependencies (reinstalled only when package-lock.json changed since the last install) and a fresh build.
. scripts/toolchain.sh || return 1
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci || return 1
  echo "$lock_hash" > node_modules/.lock-hash
fi
# THINKEO_SKIP_BUILD=1 keeps the dist/ built earlier in the same run: CI runs two suites side by side after
# `npm test`, and a second build would delete dist/ while the other suite packs it.
if [ "${THINKEO_SKIP_BUILD:-}" != 1 ]; then npm run build || return 1; fi
