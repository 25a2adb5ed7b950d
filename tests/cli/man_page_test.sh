#!/bin/bash
# The man page vcissuerctl(1) formats without a groff warning and documents every command the
# built vcissuerctl offers (as its --help lists them) and every exit status of cli/exit_codes.h.
# Usage: man_page_test.sh SOURCE_DIR VCISSUERCTL
set -euo pipefail
src=$1
ctl=$2
page=$src/cli/vcissuerctl.1
fail=0

warnings=$(groff -man -ww -z "$page" 2>&1)
if [ -n "$warnings" ]; then
  echo "groff warns: $warnings"
  fail=1
fi

# The subcommands a --help screen lists (CLI11 prints them under "Subcommands:").
subcommands() {
  "$ctl" "$@" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && /^  [a-z]/ {print $1}'
}

headings=$(sed -n 's/^\.SS //p' "$page" | sed 's/\\-/-/g')
for group in $(subcommands); do
  nested=$(subcommands "$group" || true)
  if [ -z "$nested" ]; then
    names=$group
  else
    names=$(for sub in $nested; do echo "$group $sub"; done)
  fi
  while read -r name; do
    if ! grep -qxF "$name" <<<"$headings" && ! grep -qF "$name" <<<"$headings"; then
      echo "no section in vcissuerctl.1 for: $name"
      fail=1
    fi
  done <<<"$names"
done

for code in $(sed -n 's/^ *k[A-Za-z]* = \([0-9]*\),.*/\1/p' "$src/cli/exit_codes.h"); do
  if ! grep -qx "\.B $code" "$page"; then
    echo "exit status $code is not in EXIT STATUS"
    fail=1
  fi
done
exit $fail
