#!/usr/bin/env bash
# The account console in the demo: a development appliance (vcissuerd on a SoftHSM token in a
# temporary directory) with vcissuer-console in front of it, a test OpenID provider with two
# people and a mail relay that prints the mails, all on loopback. Open the printed console URL in
# a browser, log in as "alice", pick a credential and scan the QR code with a wallet (or redeem
# the link with examples/wallet/cli.mjs and the printed tx_code). Ctrl-C stops everything.
# Usage: console/demo.sh [BUILD_DIR]   (default build/; scripts/test.sh builds it)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export VCI_BUILD_DIR=${1:-$src/build}
# shellcheck source=../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"
# shellcheck source=../tests/console/console-appliance.sh
. "$src/tests/console/console-appliance.sh"

"$src/tests/console/setup.sh"
for bin in vcissuerd vcissuerctl vcissuer-console; do
  if [ ! -x "$(vci_bin "$bin")" ]; then
    echo "$(vci_bin "$bin") is missing: build first (cmake -S . -B build -G Ninja && ninja -C build)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
cleanup() {
  console_appliance_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM
console_appliance_start "$work" 15m
echo "vcissuer-console's log: $work/console.log"
node "$src/tests/console/demo.mjs"
