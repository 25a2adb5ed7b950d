#!/usr/bin/env bash
# The end-to-end test: a real vcissuerd on a fresh SoftHSM token, driven by the Node wallet
# suite in this folder (node:test). Usage: tests/e2e/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
# shellcheck source=../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

if [ ! -d "$src/examples/wallet/node_modules" ]; then
  echo "examples/wallet/node_modules is missing: run examples/wallet/setup.sh" >&2
  exit 1
fi

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
export VCI_CTL
VCI_CTL=$(vci_bin vcissuerctl)
export VCI_CONFIG="$appliance/vcissuer.toml"
# The suite appends every secret it handles (codes, tx_codes, tokens, nonces, claim values), one
# per line, so that the log check below can prove none of them reached the daemon's log.
export VCI_SECRETS_FILE="$work/secrets.txt"
: >"$VCI_SECRETS_FILE"

# One file at a time, in byte order of their names: zz-*.test.mjs damage the appliance (they
# destroy a key in the token) and so run last.
mapfile -t suites < <(find "$src/tests/e2e" -maxdepth 1 -name '*.test.mjs' | LC_ALL=C sort)
status=0
node --test --test-concurrency=1 "${suites[@]}" || status=$?

# The log check below proves nothing if the suite recorded no secrets.
if [ "$(wc -l <"$VCI_SECRETS_FILE")" -lt 10 ]; then
  echo "the suite recorded fewer than 10 secrets in VCI_SECRETS_FILE" >&2
  status=1
fi

# Negative log test: no PIN, admin token or protocol secret appears in the daemon's log.
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
# Every logged ENDPOINT is a clean path, and the log holds no raw memory: a NUL or a field that
# does not start with '/' means the daemon logged bytes it did not mean to.
garbage=$(grep -nE 'ENDPOINT=([^/]|[^ ]*\\x)|\\x00' "$appliance/vcissuerd.log" || true)
if [ -n "$garbage" ]; then
  head -n 5 <<<"$garbage" >&2
  echo "the daemon's log holds garbage bytes (lines above)" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "---- vcissuerd log ----" >&2
  tail -n 100 "$appliance/vcissuerd.log" >&2
fi
exit "$status"
