#!/usr/bin/env bash
# CI check of the Debian packages: builds them twice from the same tree and requires identical
# .deb bytes (SOURCE_DATE_EPOCH, fixed build directory), then runs lintian --pedantic (no error,
# warning or info tag may remain un-overridden) and hardening-check on every installed binary.
#
#   tests/packaging/check-deb.sh [OUTDIR]     OUTDIR keeps the packages (default: a temporary dir)
#
# The first build takes as long as a full release build; the second is served by ccache.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -ge 1 ]; then
  mkdir -p "$1"
  out=$(cd "$1" && pwd)
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
rm -rf "$out/first" "$out/second" "$out/extract"

step() {
  echo "== $1 ($SECONDS s)"
}

step "First build"
bash "$src/scripts/build-deb.sh" "$out/first" >"$out/build-first.log" 2>&1 ||
  { tail -40 "$out/build-first.log" >&2; echo "check-deb: FAIL: build" >&2; exit 1; }
step "Second build, for reproducibility"
bash "$src/scripts/build-deb.sh" "$out/second" >"$out/build-second.log" 2>&1 ||
  { tail -40 "$out/build-second.log" >&2; echo "check-deb: FAIL: second build" >&2; exit 1; }

status=0
step "Reproducibility"
for deb in "$out"/first/*.deb; do
  name=$(basename "$deb")
  if cmp -s "$deb" "$out/second/$name"; then
    echo "identical: $name"
  else
    echo "check-deb: FAIL: $name differs between two builds of one tree" >&2
    status=1
  fi
done

step "lintian --pedantic"
if ! lintian --pedantic --display-info --fail-on error,warning,info "$out"/first/*.changes; then
  echo "check-deb: FAIL: lintian" >&2
  status=1
fi

step "hardening-check"
mkdir -p "$out/extract"
for deb in "$out"/first/*.deb; do
  case "$deb" in *-dbgsym_*) continue ;; esac
  dpkg-deb -x "$deb" "$out/extract"
done
# Debian 12's glibc start files (Scrt1.o, crti.o, crtn.o) carry no IBT/SHSTK property, so the
# linker drops it from every program, Debian's own included: hardening-check cannot find control
# flow protection in any bookworm binary. It is checked on the compiler lines instead, below.
for bin in "$out"/extract/usr/bin/*; do
  if hardening-check --nocfprotection "$bin"; then
    :
  else
    echo "check-deb: FAIL: hardening-check $(basename "$bin")" >&2
    status=1
  fi
done

step "Every compilation had the extra hardening flags"
compiles=$(grep -c ' -c /' "$out/build-first.log" || true)
flagged=$(grep ' -c /' "$out/build-first.log" | grep -- '-fstack-clash-protection' |
  grep -c -- '-fcf-protection' || true)
echo "$flagged of $compiles compiler lines have -fstack-clash-protection -fcf-protection"
if [ "$compiles" -eq 0 ] || [ "$flagged" -ne "$compiles" ]; then
  echo "check-deb: FAIL: compilations without the hardening flags" >&2
  status=1
fi

step "Done"
[ "$status" -eq 0 ] && echo "check-deb: PASS"
exit "$status"
