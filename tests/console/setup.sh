#!/usr/bin/env bash
# Installs the console test's npm packages into tests/console/node_modules, but only when
# they are missing or package.json / package-lock.json changed since the last install.
# Idempotent and quiet; scripts/test.sh calls it. Usage: tests/console/setup.sh
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  echo "tests/console/setup.sh: npm is not installed (Node.js 20 or newer is needed)" >&2
  exit 1
fi

stamp=node_modules/.vci-console-setup
inputs=(package.json)
[ -f package-lock.json ] && inputs+=(package-lock.json)
want=$(cat "${inputs[@]}" | sha256sum | cut -d' ' -f1)

if [ -d node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

npm_flags=(--no-audit --no-fund --loglevel=error)
if [ -f package-lock.json ]; then
  # npm ci removes node_modules first and installs exactly what the lock names.
  npm ci "${npm_flags[@]}" >/dev/null
else
  npm install "${npm_flags[@]}" >/dev/null
fi
# npm install may have written a lock; hash what is there now.
inputs=(package.json)
[ -f package-lock.json ] && inputs+=(package-lock.json)
cat "${inputs[@]}" | sha256sum | cut -d' ' -f1 >"$stamp"
