#!/usr/bin/env bash
# The console's end-to-end test: a real vcissuerd on a fresh SoftHSM token, vcissuer-console in
# front of it, and console.test.mjs driving Debian's chromium (playwright-core) against both,
# with an OpenID provider (oidc-provider) and an SMTP server (smtp-server) it starts itself.
# Usage: tests/console/run.sh BUILD_DIR [SCREENSHOT_DIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR [SCREENSHOT_DIR]}
# shellcheck source=../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

for dir in "$src/tests/console/node_modules" "$src/examples/wallet/node_modules"; do
  if [ ! -d "$dir" ]; then
    echo "$dir is missing: run tests/console/setup.sh and examples/wallet/setup.sh" >&2
    exit 1
  fi
done
if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing: run scripts/setup-deps.sh" >&2
  exit 1
fi

# shellcheck source=console-appliance.sh
. "$src/tests/console/console-appliance.sh"

work=$(mktemp -d)
appliance="$work/appliance"
cleanup() {
  console_appliance_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT
# A short idle timeout, so that the suite can watch a session expire.
console_appliance_start "$work" 20s

export VCI_SCREENSHOT_DIR=${2:-$work/screenshots}
mkdir -p "$VCI_SCREENSHOT_DIR"
export VCI_SECRETS_FILE="$work/secrets.txt"
: >"$VCI_SECRETS_FILE"

status=0
node --test --test-concurrency=1 "$src/tests/console/console.test.mjs" || status=$?

if [ "$(wc -l <"$VCI_SECRETS_FILE")" -lt 8 ]; then
  echo "the suite recorded fewer than 8 secrets in VCI_SECRETS_FILE" >&2
  status=1
fi
# The console logs a person only as a hash: no claim value, tx_code, code, token or secret may
# appear in its log or the daemon's.
{
  cat "$VCI_SECRETS_FILE" "$work/client-secret"; echo
  cat "$appliance/hr-token"; echo
} | while IFS= read -r secret; do
  [ "${#secret}" -ge 5 ] || continue
  for log in "$work/console.log" "$appliance/vcissuerd.log"; do
    if grep -qF -- "$secret" "$log"; then
      echo "LEAK: a secret of length ${#secret} appears in $(basename "$log")" >&2
      exit 1
    fi
  done
done || status=1
if ! grep -q 'SUBJECT_HASH=' "$work/console.log"; then
  echo "the console's log names no subject hash" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "---- console log ----" >&2
  tail -n 60 "$work/console.log" >&2
fi
exit "$status"
