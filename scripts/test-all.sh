#!/usr/bin/env bash
# Every test Clearpost has: lint, type checks, unit and integration tests (real PostgreSQL and
# Redis), then browser end-to-end tests in Debian's chromium against the built product.
# PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, superuser).
# Redis: REDIS_URL (default redis://127.0.0.1:6379).
set -euo pipefail
cd "$(dirname "$0")/.."

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
nx() { npx nx "$@" --output-style=static; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Build (libs, API, web app)"
nx run-many -t build

step "Lint (including module boundaries)"
npm run lint

step "Type checks"
nx run-many -t typecheck

step "Unit and integration tests"
nx run-many -t test

step "System tests (several processes on one PostgreSQL and Redis: scale-out, graceful shutdown)"
npx jest -c tests/system/jest.config.js

step "Browser end-to-end tests"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "chromium not found at $CHROMIUM_PATH: installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
CHROMIUM_PATH="$CHROMIUM_PATH" npx jest -c tests/e2e/jest.config.js

step "All tests passed"
