#!/usr/bin/env bash
# Installs everything and runs every test: type check, API reports, lint,
# unit tests, database tests on SQLite and PostgreSQL, and the end-to-end
# browser tests.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

yarn_install
ensure_postgres
ensure_chromium
cd "$REPO_ROOT"

log "Type check"
yarn tsc

log "API reports (plugins/*/report*.api.md match the public API)"
yarn test:api-reports

log "Lint"
yarn lint

log "Unit and database tests (SQLite and PostgreSQL)"
CI=true yarn test

log "End-to-end tests (Debian's Chromium, demo app on a fresh SQLite directory)"
yarn test:e2e

log "All tests passed"
