#!/usr/bin/env bash
# The hostile-request corpus (issue #10): a real vcissuerd on a fresh SoftHSM token, fed the
# table of hostile requests in corpus.mjs by runner.test.mjs (node:test). Afterwards: the daemon
# is alive, the admin /healthz answers, and its log holds none of the secrets the corpus used.
# Usage: tests/hostile/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
# shellcheck source=../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"


work=$(mktemp -d)
appliance="$work/appliance"
cleanup() {
  vci_appliance_stop "$appliance"
  rm -rf "$work"
}
trap cleanup EXIT

public_port=$(vci_free_port)
admin_port=$(vci_free_port)
vci_appliance_init "$appliance" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
  "127.0.0.1:$admin_port" "$src/tests/e2e/policy/e2e.toml.in"
vci_appliance_start "$appliance"

export VCI_ISSUER="http://127.0.0.1:$public_port"
export VCI_ADMIN="http://127.0.0.1:$admin_port"
VCI_ADMIN_TOKEN=$(cat "$appliance/hr-token")
VCI_ADMIN_TOKEN_LIMITED=$(cat "$appliance/limited-token")
export VCI_ADMIN_TOKEN VCI_ADMIN_TOKEN_LIMITED
VCI_DAEMON_PID=$(cat "$appliance/vcissuerd.pid")
export VCI_DAEMON_PID
# Every secret the corpus handles (codes, tx_codes, tokens, nonces, offer ids), one a line.
export VCI_SECRETS_FILE="$work/secrets.txt"
: >"$VCI_SECRETS_FILE"

status=0
node --test --test-concurrency=1 "$src/tests/hostile/runner.test.mjs" || status=$?

# The daemon outlived the corpus and its admin listener still answers.
if ! kill -0 "$VCI_DAEMON_PID" 2>/dev/null; then
  echo "vcissuerd died during the corpus" >&2
  status=1
elif ! curl -fsS --max-time 5 "$VCI_ADMIN/healthz" >/dev/null; then
  echo "the admin /healthz does not answer after the corpus" >&2
  status=1
fi

if [ "$(wc -l <"$VCI_SECRETS_FILE")" -lt 10 ]; then
  echo "the corpus recorded fewer than 10 secrets in VCI_SECRETS_FILE" >&2
  status=1
fi
leaks=0
{
  cat "$appliance/pin" "$appliance/so-pin" "$appliance/hr-token" "$appliance/limited-token"
  echo
  cat "$VCI_SECRETS_FILE"
} | while IFS= read -r secret; do
  [ "${#secret}" -ge 6 ] || continue
  if grep -qF -- "$secret" "$appliance/vcissuerd.log"; then
    echo "LEAK: a secret of length ${#secret} appears in the daemon's log" >&2
    exit 1
  fi
done || leaks=1
if [ "$leaks" -ne 0 ]; then
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "---- vcissuerd log (tail) ----" >&2
  tail -n 60 "$appliance/vcissuerd.log" >&2
fi
exit "$status"
