#!/usr/bin/env bash
# End-to-end test of the officer's policy (issue #5): a real vcissuerd on a fresh SoftHSM token
# serves the policies of examples/policy exactly as shipped (only each client's token hash is
# replaced by that of a fresh token), the project's wallet redeems one credential of each, and
# the policy is reloaded over and over while wallets keep redeeming.
# Usage: tests/e2e/policies/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
# shellcheck source=../../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

work=$(mktemp -d)
appliance="$work/appliance"
trap 'vci_appliance_stop "$appliance"; rm -rf "$work"' EXIT

vci_loopback_appliance_init "$appliance" "$src/tests/e2e/policy/e2e.toml.in"
ctl=$(vci_bin vcissuerctl)

# The example policies name their keys badge-signer (ES256), diploma-signer (ES384) and
# pid-signer (ES256); each client gets a fresh token.
"$ctl" --config "$appliance/vcissuer.toml" keys generate --type ec-p256 --label badge-signer >/dev/null
"$ctl" --config "$appliance/vcissuer.toml" keys generate --type ec-p384 --label diploma-signer >/dev/null
"$ctl" --config "$appliance/vcissuer.toml" keys generate --type ec-p256 --label pid-signer >/dev/null
rm -f "$appliance/policy.d/"*.toml
tokens="{}"
for file in "$src"/examples/policy/*.toml; do
  out="$appliance/policy.d/$(basename "$file")"
  cp "$file" "$out"
  while read -r client; do
    token=$(vci_random_hex 32)
    sha=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
    # Replace the token_sha256 line that follows this client's name.
    sed -i "/^name = \"$client\"$/,/^token_sha256/ s/^token_sha256 = .*/token_sha256 = \"$sha\"/" "$out"
    tokens=$(node -e 'const t=JSON.parse(process.argv[1]);t[process.argv[2]]=process.argv[3];console.log(JSON.stringify(t))' \
      "$tokens" "$client" "$token")
  done < <(sed -n '/^\[\[client\]\]/,/^name/ s/^name = "\(.*\)"$/\1/p' "$file")
done
"$ctl" --config "$appliance/vcissuer.toml" policy check --check-keys "$appliance/policy.d"
# Two workers, so that reloads must reach both (vcissuerctl reload returns once they have).
sed -i 's/^workers = .*/workers = 2/' "$appliance/vcissuer.toml"
grep -q '^workers = 2$' "$appliance/vcissuer.toml"
vci_appliance_start "$appliance"

export VCI_CLIENT_TOKENS="$tokens"
export VCI_POLICY_DIR="$appliance/policy.d"
VCI_DAEMON_PID=$(cat "$appliance/vcissuerd.pid")
export VCI_DAEMON_PID
export VCI_DAEMON_LOG="$appliance/vcissuerd.log"
export VCI_CTL="$ctl"
# tests/e2e/helpers.mjs, shared with the main suite, reads these.
VCI_ADMIN_TOKEN=$(node -e 'console.log(JSON.parse(process.argv[1])["hr-system"])' "$tokens")
VCI_ADMIN_TOKEN_LIMITED=$(node -e 'console.log(JSON.parse(process.argv[1])["registrar"])' "$tokens")
export VCI_ADMIN_TOKEN VCI_ADMIN_TOKEN_LIMITED
export VCI_CONFIG="$appliance/vcissuer.toml"

status=0
node --test --test-concurrency=1 "$src"/tests/e2e/policies/*.test.mjs || status=$?
# No client token and no claim value of the suite reaches the daemon's log.
while IFS= read -r secret; do
  if grep -qF -- "$secret" "$appliance/vcissuerd.log"; then
    echo "LEAK: a secret or claim value appears in the daemon's log" >&2
    status=1
  fi
done < <(node -e 'for (const t of Object.values(JSON.parse(process.argv[1]))) console.log(t)' \
           "$tokens"; printf '%s\n' Mustermann E204518 Hauptstraße 1985-02-11 'Ada Lovelace' \
           'Master of Science')
if [ "$status" -ne 0 ]; then
  echo "---- vcissuerd log ----" >&2
  tail -n 60 "$appliance/vcissuerd.log" >&2
fi
exit "$status"
