#!/usr/bin/env bash
# Sourced by scripts/test.sh: the headless Chromium the editor tests (test/editor/) drive, from Debian's packages,
# installed once with apt-get. No browser is downloaded from anywhere else. Exports CHROMIUM_BIN.
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_BIN" ]; then
  echo "chromium: installing Debian's chromium package with apt-get" >&2
  (set -e; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 || return 1
fi
export CHROMIUM_BIN
