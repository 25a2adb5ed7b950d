#!/usr/bin/env bash
# Bounds under flood (issue #10): a real vcissuerd with the default per-address limits, and a
# small nonce cap, short nonce lifetime and frequent purge so that the test sees the store fill,
# refuse and drain within seconds. Usage: tests/hostile/limits/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
# shellcheck source=../../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

work=$(mktemp -d)
appliance="$work/appliance"
trap 'vci_appliance_stop "$appliance"; rm -rf "$work"' EXIT

vci_loopback_appliance_init "$appliance" "$src/tests/e2e/policy/e2e.toml.in"
# Back to the defaults of [limits] (the development appliance raises them), except the store's.
python3 - "$appliance/vcissuer.toml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"\[limits\]\n(.*\n)*?\n", "", text, count=1)
text = re.sub(r"^workers = .*\n", "", text, flags=re.M)
text = text.replace("[server]\n", "[server]\nworkers = 2\n", 1) if "[server]\n" in text else text + "\n[server]\nworkers = 2\n"
text += """
[limits]
max_live_nonces = 1000
purge_interval = 1
connection_timeout = 2
connections_per_address = 8

[lifetimes]
nonce = 3
"""
open(path, "w").write(text)
PY
if grep -c '^\[limits\]' "$appliance/vcissuer.toml" | grep -qv '^1$'; then
  echo "expected exactly one [limits] table" >&2
  exit 1
fi
vci_appliance_start "$appliance"

export VCI_DATABASE="$appliance/state/vcissuer.db"
node --test --test-concurrency=1 "$src/tests/hostile/limits/limits.test.mjs"
