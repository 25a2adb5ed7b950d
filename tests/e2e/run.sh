#!/usr/bin/env bash
# The end-to-end test: a real vcissuerd on a fresh SoftHSM token, driven by the Node wallet
# suite in this folder (node:test). Usage: tests/e2e/run.sh BUILD_DIR [SUITE.test.mjs...]
# (by default every *.test.mjs here). A second appliance, with draft 15 compatibility on
# ([proof] accept_draft15_proof), serves the draft 15 wallet library's test.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR [SUITE.test.mjs...]}
shift
# shellcheck source=../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

if [ ! -d "$src/examples/wallet/node_modules" ]; then
  echo "examples/wallet/node_modules is missing: run examples/wallet/setup.sh" >&2
  exit 1
fi

work=$(mktemp -d)
appliance="$work/appliance"
draft15="$work/appliance-draft15"
cleanup() {
  vci_appliance_stop "$draft15"
  vci_appliance_stop "$appliance"
  rm -rf "$work"
}
trap cleanup EXIT

# e2e_appliance_init DIR PUBLIC_PORT ADMIN_PORT: the policy of policy/e2e.toml.in plus the
# restricted admin client of policy/e2e-clients.toml.in, with its own random token.
e2e_appliance_init() {
  local dir=$1 public_port=$2 admin_port=$3 restricted_sha
  vci_appliance_init "$dir" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
    "127.0.0.1:$admin_port" "$src/tests/e2e/policy/e2e.toml.in"
  (umask 077 && vci_random_hex 32 >"$dir/restricted-token")
  restricted_sha=$(tr -d '\n' <"$dir/restricted-token" | sha256sum | cut -d' ' -f1)
  sed -e "s|@RESTRICTED_TOKEN_SHA256@|$restricted_sha|" \
    "$src/tests/e2e/policy/e2e-clients.toml.in" >"$dir/policy.d/e2e-clients.toml"
}

# The second appliance first, in a subshell: vci_appliance_* export SOFTHSM2_CONF, which must
# name the main appliance's token for the suite (zz-hmac-destroyed runs vcissuerctl).
draft15_public_port=$(vci_free_port)
draft15_admin_port=$(vci_free_port)
(
  e2e_appliance_init "$draft15" "$draft15_public_port" "$draft15_admin_port"
  # Draft 15 wallets send one "proof" object instead of "proofs". The generated configuration
  # has no [proof] table yet, so this one is the only one.
  if grep -q '^\[proof\]' "$draft15/vcissuer.toml"; then
    echo "the generated vcissuer.toml already has a [proof] table" >&2
    exit 1
  fi
  printf '\n[proof]\naccept_draft15_proof = true\n' >>"$draft15/vcissuer.toml"
  # Short lifetimes, so that 50-rules can watch a c_nonce and an access token expire.
  if grep -q '^\[lifetimes\]' "$draft15/vcissuer.toml"; then
    echo "the generated vcissuer.toml already has a [lifetimes] table" >&2
    exit 1
  fi
  printf '\n[lifetimes]\nnonce = 8\naccess_token = 20\n' >>"$draft15/vcissuer.toml"
  vci_appliance_start "$draft15"
)
export VCI_ISSUER_DRAFT15="http://127.0.0.1:$draft15_public_port"
export VCI_ADMIN_DRAFT15="http://127.0.0.1:$draft15_admin_port"
VCI_ADMIN_TOKEN_DRAFT15=$(cat "$draft15/hr-token")
export VCI_ADMIN_TOKEN_DRAFT15

public_port=$(vci_free_port)
admin_port=$(vci_free_port)
e2e_appliance_init "$appliance" "$public_port" "$admin_port"
vci_appliance_start "$appliance"

export VCI_ISSUER="http://127.0.0.1:$public_port"
export VCI_ADMIN="http://127.0.0.1:$admin_port"
VCI_ADMIN_TOKEN=$(cat "$appliance/hr-token")
VCI_ADMIN_TOKEN_LIMITED=$(cat "$appliance/limited-token")
VCI_ADMIN_TOKEN_RESTRICTED=$(cat "$appliance/restricted-token")
export VCI_ADMIN_TOKEN VCI_ADMIN_TOKEN_LIMITED VCI_ADMIN_TOKEN_RESTRICTED
export VCI_CTL
VCI_CTL=$(vci_bin vcissuerctl)
export VCI_CONFIG="$appliance/vcissuer.toml"
# The suite appends every secret it handles (codes, tx_codes, tokens, nonces, claim values), one
# per line, so that the log check below can prove none of them reached the daemon's log.
export VCI_SECRETS_FILE="$work/secrets.txt"
: >"$VCI_SECRETS_FILE"

# One file at a time, in byte order of their names: zz-*.test.mjs damage the appliance (they
# destroy a key in the token) and so run last.
if [ "$#" -gt 0 ]; then
  suites=()
  for suite in "$@"; do suites+=("$src/tests/e2e/$(basename "$suite")"); done
else
  mapfile -t suites < <(find "$src/tests/e2e" -maxdepth 1 -name '*.test.mjs' | LC_ALL=C sort)
fi
status=0
node --test --test-concurrency=1 "${suites[@]}" || status=$?

# The log check below proves nothing if the suite recorded no secrets.
if [ "$(wc -l <"$VCI_SECRETS_FILE")" -lt 10 ]; then
  echo "the suite recorded fewer than 10 secrets in VCI_SECRETS_FILE" >&2
  status=1
fi

# Negative log test: no PIN, admin token or protocol secret appears in either daemon's log.
for dir in "$appliance" "$draft15"; do
  leaks=0
  {
    for f in pin so-pin hr-token limited-token restricted-token; do
      cat "$dir/$f"
      echo
    done
    cat "$VCI_SECRETS_FILE"
  } | while IFS= read -r secret; do
    [ "${#secret}" -ge 6 ] || continue
    if grep -qF -- "$secret" "$dir/vcissuerd.log"; then
      echo "LEAK: a secret of length ${#secret} appears in the daemon's log ($dir)" >&2
      exit 1
    fi
  done || leaks=1
  if [ "$leaks" -ne 0 ]; then
    status=1
  fi
  # Every logged ENDPOINT is a clean path, and the log holds no raw memory: a NUL or a field
  # that does not start with '/' means the daemon logged bytes it did not mean to.
  garbage=$(grep -nE 'ENDPOINT=([^/]|[^ ]*\\x)|\\x00' "$dir/vcissuerd.log" || true)
  if [ -n "$garbage" ]; then
    head -n 5 <<<"$garbage" >&2
    echo "the daemon's log holds garbage bytes (lines above, $dir)" >&2
    status=1
  fi
done
if [ "$status" -ne 0 ]; then
  echo "---- vcissuerd log ----" >&2
  tail -n 100 "$appliance/vcissuerd.log" >&2
fi
exit "$status"
