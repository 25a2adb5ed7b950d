#!/usr/bin/env bash
# Crashes under load (issue #10): wallets redeem offers while worker processes, and then the
# whole daemon, are killed with SIGKILL, 20 times. Afterwards no code has been redeemed twice,
# every offer is either still redeemable or consumed, and the SQLite file passes
# PRAGMA integrity_check. Usage: tests/hostile/crash/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
# shellcheck source=../../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

work=$(mktemp -d)
appliance="$work/appliance"
trap 'vci_appliance_stop "$appliance"; pkill -9 -f "vcissuerd --config $appliance/" || true; rm -rf "$work"' EXIT

vci_loopback_appliance_init "$appliance" "$src/tests/e2e/policy/e2e.toml.in"
vci_appliance_start "$appliance"

VCI_ADMIN_TOKEN=$(cat "$appliance/hr-token")
VCI_ADMIN_TOKEN_LIMITED=$(cat "$appliance/limited-token")
export VCI_ADMIN_TOKEN VCI_ADMIN_TOKEN_LIMITED
export VCI_APPLIANCE="$appliance"
export VCI_DATABASE="$appliance/state/vcissuer.db"
export VCI_LIB="$src/scripts/lib/dev-appliance.sh"
node --test --test-concurrency=1 "$src/tests/hostile/crash/crash.test.mjs"
