#!/usr/bin/env bash
# The service unit's offline exposure score must stay at 0.2 or lower (systemd-analyze counts the
# threshold in tenths). Debian's best own unit, systemd-hostnamed, scores 1.5.
set -euo pipefail
unit=${1:?usage: unit_score_test.sh UNIT_FILE}
out=$(systemd-analyze security --offline=true --no-pager --threshold=2 "$unit" 2>&1) || {
  echo "$out" | grep -v '✓' >&2
  echo "FAIL: $unit scores above 0.2" >&2
  exit 1
}
echo "$out" | tail -n 1
