#!/usr/bin/env bash
# The project's whole test run (`npm test`): install, typecheck, lint, unit tests, end-to-end tests.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

stage() {
  printf '\n==> %s\n' "$*"
}

# Install dependencies when node_modules is missing or older than the lockfile. npm writes
# node_modules/.package-lock.json at the end of every install (after package-lock.json, unlike the
# node_modules folder itself, whose mtime is older), so that file's age is the one to compare.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    stage 'npm ci'
    npm ci
  fi
elif [ ! -d node_modules ]; then
  stage 'npm install (no package-lock.json)'
  npm install
fi

stage 'typecheck (npm run typecheck)'
npm run typecheck

stage 'lint (npm run lint)'
npm run lint

stage 'unit tests (vitest run)'
npx vitest run

stage 'browser (scripts/ensure-chromium.sh)'
bash scripts/ensure-chromium.sh

stage 'end-to-end tests (playwright test)'
npx playwright test
