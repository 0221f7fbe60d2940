#!/usr/bin/env bash
# README command 1: sets everything up on a fresh Debian machine that has Node.js and npm, then
# runs the main example. Idempotent and quiet when everything is already in place.
#   --no-example   set up and build only (what the test command uses)
set -euo pipefail
cd "$(dirname "$0")/.."

run_example=1
[ "${1:-}" = "--no-example" ] && run_example=0

bash scripts/setup-system.sh

# The pnpm version the repository pins (package.json "packageManager").
pinned=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pinned" ]; then
  echo "legate setup: installing pnpm $pinned"
  npm install --global --no-audit --no-fund --loglevel=error "pnpm@$pinned" >/dev/null
fi

# CI=true keeps pnpm from asking before it replaces a node_modules made by another pnpm.
CI=true pnpm install --frozen-lockfile --reporter=silent
pnpm -r --reporter=append-only build

if [ "$run_example" = 1 ]; then
  pnpm --silent example main
fi
