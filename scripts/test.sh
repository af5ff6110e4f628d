#!/usr/bin/env bash
# Installs everything and runs every test: type check, API reports, lint,
# unit tests, database tests on SQLite and PostgreSQL, the end-to-end browser
# tests, and the install of the packed plugins into a fresh Backstage app.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

yarn_install
yarn openapi:check # the committed generated OpenAPI code matches the spec
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

log "The packed plugins in a fresh @backstage/create-app app (ports 7107 and 3100)"
./scripts/try-in-fresh-app.sh

log "All tests passed"
