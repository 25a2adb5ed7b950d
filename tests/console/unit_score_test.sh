#!/usr/bin/env bash
# systemd/vcissuer-console.service must keep its offline exposure score at 0.9 or lower
# (systemd-analyze counts the threshold in tenths). The console needs outbound TCP (provider,
# daemon, mail relay), so it cannot reach the daemon's 0.2.
set -euo pipefail
unit=${1:?usage: unit_score_test.sh UNIT_FILE}
out=$(systemd-analyze security --offline=true --no-pager --threshold=9 "$unit" 2>&1) || {
  echo "$out" | grep -v '✓' >&2
  echo "FAIL: $unit scores above 0.9" >&2
  exit 1
}
echo "$out" | tail -n 1
