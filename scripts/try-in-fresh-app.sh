#!/usr/bin/env bash
# Installs the three plugin packages, as tarballs, into a Backstage app that
# has just been created with @backstage/create-app, wires them the way the
# plugin READMEs say, starts the app and checks that it works:
#
#   - GET /api/platform-metrics/org/summary answers 401 without a token and
#     200 with a guest token;
#   - the Platform health page (/platform-health) renders in headless
#     Chromium: its "Platform health" heading, the organisation view, and a
#     successful org summary request made by the page itself.
#
# Everything happens in a temporary directory; the app is stopped and the
# directory removed at the end (PM_FRESH_KEEP=1 keeps the directory).
#
# Environment:
#   PM_FRESH_BACKEND_PORT    backend port (default 7107)
#   PM_FRESH_FRONTEND_PORT   frontend dev server port (default 3100)
#   PM_FRESH_CREATE_APP      create-app version (default: latest)
#   PM_FRESH_KEEP=1          keep the temporary directory
#   PM_FRESH_TIMEOUT         seconds to wait for backend and frontend (default 300)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BACKEND_PORT="${PM_FRESH_BACKEND_PORT:-7107}"
FRONTEND_PORT="${PM_FRESH_FRONTEND_PORT:-3100}"
CREATE_APP_VERSION="${PM_FRESH_CREATE_APP:-latest}"
WAIT_SECONDS="${PM_FRESH_TIMEOUT:-300}"
APP_NAME="pm-fresh-app"
BACKEND_URL="http://localhost:$BACKEND_PORT"
FRONTEND_URL="http://localhost:$FRONTEND_PORT"
PLUGINS=(platform-metrics-common platform-metrics-backend platform-metrics)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pm-fresh-app.XXXXXX")"
TARBALLS="$WORK/tarballs"
LOGS="$WORK/logs"
APP_DIR="$WORK/$APP_NAME"
APP_PGID=""
START_TIME="$SECONDS"
mkdir -p "$TARBALLS" "$LOGS"

phase() { log "[$((SECONDS - START_TIME))s] $*"; }

fail() {
  printf '\033[1;31m[platform-metrics] fresh app: FAILED:\033[0m %s\n' "$*" >&2
  if [ -n "${FAIL_LOG:-}" ] && [ -f "$FAIL_LOG" ]; then
    printf -- '--- last lines of %s ---\n' "$FAIL_LOG" >&2
    tail -n 60 "$FAIL_LOG" >&2
  fi
  exit 1
}

stop_app() {
  if [ -n "$APP_PGID" ]; then
    kill -TERM -- "-$APP_PGID" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 -- "-$APP_PGID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$APP_PGID" 2>/dev/null || true
    APP_PGID=""
  fi
}

cleanup() {
  local rc=$?
  stop_app
  # A pack that failed half-way leaves the rewritten package.json behind.
  for p in "${PLUGINS[@]}"; do
    if [ -f "$REPO_ROOT/plugins/$p/package.json-prepack" ]; then
      (cd "$REPO_ROOT/plugins/$p" && yarn postpack >/dev/null 2>&1) || true
    fi
  done
  if [ "${PM_FRESH_KEEP:-}" = "1" ]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$BACKEND_PORT" "$FRONTEND_PORT"; do
  if tcp_open 127.0.0.1 "$port"; then
    fail "port $port is already in use; set PM_FRESH_BACKEND_PORT / PM_FRESH_FRONTEND_PORT"
  fi
done
ensure_chromium
[ -d "$REPO_ROOT/node_modules" ] || yarn_install

# 1. Build and pack the three plugins -----------------------------------------
phase "Type declarations (yarn tsc)"
FAIL_LOG="$LOGS/tsc.log"
(cd "$REPO_ROOT" && yarn tsc) >"$FAIL_LOG" 2>&1 || fail "yarn tsc failed"

for p in "${PLUGINS[@]}"; do
  phase "Build and pack plugins/$p"
  FAIL_LOG="$LOGS/build-$p.log"
  (cd "$REPO_ROOT/plugins/$p" && yarn build && yarn pack --out "$TARBALLS/$p.tgz") \
    >"$FAIL_LOG" 2>&1 || fail "build or pack of plugins/$p failed"
done

# The tarballs must carry what an installed app needs at run time.
expect_in_tarball() {
  local tarball="$1"
  shift
  local listing
  listing="$(tar tzf "$TARBALLS/$tarball.tgz")"
  for f in "$@"; do
    grep -qxF "package/$f" <<<"$listing" || fail "$tarball.tgz lacks $f"
  done
}
expect_in_tarball platform-metrics-common dist/index.cjs.js dist/index.esm.js dist/index.d.ts README.md
expect_in_tarball platform-metrics-backend dist/index.cjs.js dist/index.d.ts config.schema.json \
  config.d.ts src/schema/openapi.yaml README.md \
  $(cd "$REPO_ROOT/plugins/platform-metrics-backend" && ls migrations/*.js)
expect_in_tarball platform-metrics dist/index.esm.js dist/index.d.ts dist/alpha.esm.js dist/alpha.d.ts README.md

# 2. A fresh app -----------------------------------------------------------------
phase "Create a fresh app (@backstage/create-app@$CREATE_APP_VERSION)"
FAIL_LOG="$LOGS/create-app.log"
(cd "$WORK" && BACKSTAGE_APP_NAME="$APP_NAME" \
  npx -y "@backstage/create-app@$CREATE_APP_VERSION" --skip-install </dev/null) \
  >"$FAIL_LOG" 2>&1 || fail "create-app failed"
[ -f "$APP_DIR/packages/backend/src/index.ts" ] || fail "create-app did not create $APP_DIR"

# 3. Dependencies: the tarballs, and the pins that make the install work here ---
phase "Add the plugin tarballs and this repository's resolution pins"
FAIL_LOG=""
node - "$REPO_ROOT" "$APP_DIR" "$TARBALLS" <<'EOF' || fail "could not edit the app's package.json files"
const fs = require('fs');
const path = require('path');
const [repoRoot, appDir, tarballs] = process.argv.slice(2);
const readJson = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const writeJson = (f, v) => fs.writeFileSync(f, JSON.stringify(v, null, 2) + '\n');

const repoResolutions = readJson(path.join(repoRoot, 'package.json')).resolutions;
const pins = ['@swc/core', 'rollup', 'unrs-resolver', '@yarnpkg/core'];
const rootFile = path.join(appDir, 'package.json');
const root = readJson(rootFile);
root.resolutions = root.resolutions ?? {};
for (const name of pins) {
  if (!repoResolutions[name]) throw new Error(`no resolution for ${name} in this repository`);
  root.resolutions[name] = repoResolutions[name];
}

// create-app templates the versions of one Backstage release with caret
// ranges, so a fresh install also picks up newer patch releases. Some of
// those need more of the backend than the templated backend-defaults
// provides: plugin-signals-backend 0.3.21 calls
// httpRouter.addWebSocketHandler, which backend-defaults 0.18 (the newest
// that Backstage 1.55's ^0.18.0 allows) lacks, and the backend does not
// start. These stay at the version the template names.
const templatePins = ['@backstage/plugin-signals-backend'];
const backendPkg = readJson(path.join(appDir, 'packages', 'backend', 'package.json'));
for (const name of templatePins) {
  const range = backendPkg.dependencies[name];
  if (!range) continue;
  root.resolutions[name] = range.replace(/^[\^~]/, '');
  console.log(`pinned ${name} to ${root.resolutions[name]}, the version the template names`);
}

const version = {};
for (const dir of ['platform-metrics-common', 'platform-metrics-backend', 'platform-metrics']) {
  const pkg = readJson(path.join(repoRoot, 'plugins', dir, 'package.json'));
  version[pkg.name] = pkg.version;
  // Not on npm yet: every dependency on these names resolves to the tarball.
  root.resolutions[pkg.name] = `file:${path.join(tarballs, `${dir}.tgz`)}`;
}
writeJson(rootFile, root);

const add = (workspace, name) => {
  const file = path.join(appDir, 'packages', workspace, 'package.json');
  const pkg = readJson(file);
  pkg.dependencies[name] = `^${version[name]}`;
  writeJson(file, pkg);
};
add('backend', '@platform-metrics/plugin-platform-metrics-backend');
add('app', '@platform-metrics/plugin-platform-metrics');
EOF

# 4. Wiring, as the backend README says; the frontend package is discovered
#    through `app.packages: all`, which create-app sets.
phase "Wire the backend plugin"
node - "$APP_DIR/packages/backend/src/index.ts" <<'EOF' || fail "could not wire the backend plugin"
const fs = require('fs');
const file = process.argv[2];
const src = fs.readFileSync(file, 'utf8');
const line = "backend.add(import('@platform-metrics/plugin-platform-metrics-backend'));\n";
if (!src.includes('\nbackend.start();')) throw new Error('no backend.start() in ' + file);
fs.writeFileSync(file, src.replace('\nbackend.start();', `\n${line}\nbackend.start();`));
EOF
grep -q '^  packages: all' "$APP_DIR/app-config.yaml" \
  || fail "the fresh app's app-config.yaml no longer sets app.packages: all"

cat >"$APP_DIR/app-config.local.yaml" <<EOF
# Ports that do not clash with the demo of the repository (3000/7007).
app:
  baseUrl: $FRONTEND_URL
backend:
  baseUrl: $BACKEND_URL
  listen:
    port: $BACKEND_PORT
  cors:
    origin: $FRONTEND_URL
    methods: [GET, HEAD, PATCH, POST, PUT, DELETE]
    credentials: true
EOF

phase "yarn install in the fresh app (better-sqlite3 builds from source)"
FAIL_LOG="$LOGS/install.log"
# A fresh app has no lockfile yet, so this install writes one: under CI=true Yarn defaults to
# immutable installs and would refuse (YN0028), hence --no-immutable.
# A registry hiccup or a busy shared Yarn cache can fail one install: say so, and try once more.
if ! (cd "$APP_DIR" && yarn install --no-immutable) >"$FAIL_LOG" 2>&1; then
  log "yarn install in the fresh app failed; its last lines, then one more try:"
  tail -n 30 "$FAIL_LOG" >&2 || log "(no install log at $FAIL_LOG)"
  (cd "$APP_DIR" && yarn install --no-immutable) >"$FAIL_LOG" 2>&1 || fail "yarn install in the fresh app failed twice"
fi
# Installed from the tarballs: built code, not the repository's sources.
for f in plugin-platform-metrics/dist/alpha.esm.js plugin-platform-metrics-backend/dist/index.cjs.js \
  plugin-platform-metrics-backend/config.schema.json plugin-platform-metrics-common/dist/index.cjs.js; do
  [ -f "$APP_DIR/node_modules/@platform-metrics/$f" ] \
    || fail "the fresh app has no node_modules/@platform-metrics/$f"
done
(cd "$APP_DIR" && node -e "require('better-sqlite3')(':memory:').close()") \
  >>"$FAIL_LOG" 2>&1 || fail "better-sqlite3 does not load in the fresh app"

phase "Type check the fresh app (yarn tsc)"
FAIL_LOG="$LOGS/app-tsc.log"
(cd "$APP_DIR" && yarn tsc) >"$FAIL_LOG" 2>&1 || fail "yarn tsc in the fresh app failed"

# 5. Start ---------------------------------------------------------------------
phase "Start the app: backend $BACKEND_URL, frontend $FRONTEND_URL"
FAIL_LOG="$LOGS/start.log"
# Job control gives the app its own process group, stopped as a whole below.
set -m
(cd "$APP_DIR" && exec yarn start) >"$FAIL_LOG" 2>&1 &
APP_PGID=$!
set +m

wait_for() {
  local what="$1" url="$2" deadline=$((SECONDS + WAIT_SECONDS))
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$APP_PGID" 2>/dev/null || fail "the app exited while waiting for $what"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what did not answer at $url within ${WAIT_SECONDS}s"
    sleep 2
  done
}
wait_for "the backend" "$BACKEND_URL/.backstage/health/v1/readiness"
phase "Backend ready"

# 6. Checks --------------------------------------------------------------------
status_of() { curl -s -o "$WORK/body.json" -w '%{http_code}' "$@"; }

code="$(status_of "$BACKEND_URL/api/platform-metrics/org/summary")"
[ "$code" = "401" ] || fail "GET /api/platform-metrics/org/summary without a token answered $code, expected 401"
log "  org/summary without a token: 401"

code="$(status_of -H 'X-Requested-With: XMLHttpRequest' "$BACKEND_URL/api/auth/guest/refresh")"
[ "$code" = "200" ] || fail "GET /api/auth/guest/refresh answered $code"
TOKEN="$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')).backstageIdentity.token)" "$WORK/body.json")" \
  || fail "no backstageIdentity.token in the guest refresh response"

code="$(status_of -H "Authorization: Bearer $TOKEN" "$BACKEND_URL/api/platform-metrics/org/summary")"
[ "$code" = "200" ] || fail "GET /api/platform-metrics/org/summary with a guest token answered $code, expected 200: $(head -c 500 "$WORK/body.json")"
node -e "
const s = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
if (!s.window || !s.window.from || !s.window.to) throw new Error('no window in the org summary');
" "$WORK/body.json" || fail "the org summary is not the plugin's answer: $(head -c 500 "$WORK/body.json")"
log "  org/summary with a guest token: 200"

wait_for "the frontend dev server" "$FRONTEND_URL/"
phase "Frontend ready; opening $FRONTEND_URL/platform-health in headless Chromium"
FAIL_LOG=""
node "$REPO_ROOT/scripts/check-platform-health-page.mjs" "$FRONTEND_URL" "$WORK/platform-health.png" \
  || fail "the Platform health page did not render (screenshot: $WORK/platform-health.png; PM_FRESH_KEEP=1 keeps it)"

stop_app
phase "Fresh app: all checks passed"
