#!/usr/bin/env bash
# The offline exposure score (systemd-analyze security --offline=true) of the service unit, alone
# or with one of the documented drop-ins in systemd/variants/. Thresholds count in tenths, as
# systemd-analyze does: the base unit must stay at 0.2 or lower (Debian's best own unit,
# systemd-hostnamed, scores 1.5), a variant at what its file documents.
# Usage: unit_score_test.sh UNIT_FILE [DROP_IN MAX_TENTHS]
set -euo pipefail
unit=${1:?usage: unit_score_test.sh UNIT_FILE [DROP_IN MAX_TENTHS]}
drop_in=${2:-}
threshold=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scored=$work/$(basename "$unit")
cp "$unit" "$scored"
if [ -n "$drop_in" ]; then
  # A drop-in's [Service] lines act as if appended to the unit's [Service] section, which is what
  # --offline scoring of one file can see: put them there.
  sed -n '/^\[Service\]/,$p' "$drop_in" | tail -n +2 >"$work/lines"
  awk -v f="$work/lines" '/^\[Install\]/ { while ((getline l < f) > 0) print l; print "" } { print }' \
    "$unit" >"$scored"
  grep -q '^\[Install\]' "$unit" || cat "$work/lines" >>"$scored"
fi
out=$(systemd-analyze security --offline=true --no-pager --threshold="$threshold" "$scored" 2>&1) || {
  echo "$out" | grep -v '✓' >&2
  echo "FAIL: $unit ${drop_in:+with $drop_in }scores above $threshold tenths" >&2
  exit 1
}
echo "$out" | tail -n 1
