#!/usr/bin/env bash
# Installs everything and starts the demo: backend on :7007, frontend on
# :3000, embedded SQLite under .data/, the demo organisation in the catalog and
# twelve months of synthetic history loaded through the public API.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

yarn_install
cd "$REPO_ROOT"
mkdir -p .data/sqlite

yarn start &
START_PID=$!
trap 'kill -- -$START_PID 2>/dev/null || kill $START_PID 2>/dev/null' INT TERM

if [ -f packages/demo-data/package.json ] && grep -q '"seed"' packages/demo-data/package.json; then
  log "Waiting for the backend to load the demo history"
  yarn workspace @platform-metrics/demo-data seed || log "loading demo history failed (the demo still runs)"
fi
log "Demo running: open http://localhost:3000 and press Enter to sign in as guest"
wait $START_PID
