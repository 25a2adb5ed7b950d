#!/usr/bin/env bash
# Offline analysis of the SELinux policy in selinux/ (CTest: selinux_analysis).
#
#   analyse.sh SELINUX_DIR WORK_DIR
#
# 1. Builds vcissuer.pp and vcissuer_nethsm.pp with refpolicy's devel Makefile.
# 2. Links and expands each against every module of Debian's selinux-policy-default (unpacked
#    from the package, cached in WORK_DIR, never installed). Expansion is what enforces the
#    module's neverallow rules.
# 3. Checks every claim again with sesearch and sedta on both expanded policies (claims.sh).
# 4. A copy of the module with broken.te appended must fail: expansion reports each broken
#    rule, and the same copy expanded without assertion checks fails each claim's query.
# 5. Builds an offline policy store with semodule and checks, with matchpathcon, the type of
#    every path in file-contexts.txt.
# Needs the packages scripts/setup-deps.sh installs; downloads the policy package once.
set -euo pipefail

selinux_dir="$(cd "$1" && pwd)"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=claims.sh
source "$here/claims.sh"

failures=0
passes=0
pass() {
  passes=$((passes + 1))
  echo "ok:   $1"
}
fail() {
  failures=$((failures + 1))
  echo "FAIL: $1"
}
step() { echo "== $1 ($SECONDS s)"; }

for tool in make m4 checkmodule semodule_package semodule_link semodule_expand sesearch \
  seinfo sedta semodule matchpathcon dpkg-deb bunzip2; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "analyse.sh: $tool is missing: run scripts/setup-deps.sh" >&2
    exit 1
  fi
done
devel_makefile=/usr/share/selinux/devel/Makefile
[ -f "$devel_makefile" ] || {
  echo "analyse.sh: $devel_makefile is missing: run scripts/setup-deps.sh" >&2
  exit 1
}

mkdir -p "$work"
work="$(cd "$work" && pwd)"
refpolicy="$work/refpolicy"

# --- Debian's reference policy, unpacked once ------------------------------------------------
fetch_refpolicy() {
  [ -f "$refpolicy/ready" ] && return 0
  rm -rf "$refpolicy"
  mkdir -p "$refpolicy/deb" "$refpolicy/pp"
  if ! (cd "$refpolicy/deb" && apt-get download -q selinux-policy-default >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$refpolicy/deb" && apt-get download -q selinux-policy-default >/dev/null)
  fi
  dpkg-deb -x "$refpolicy"/deb/selinux-policy-default_*.deb "$refpolicy/root"
  local module
  for module in "$refpolicy"/root/usr/share/selinux/default/*.pp.bz2; do
    bunzip2 -c "$module" >"$refpolicy/pp/$(basename "$module" .bz2)"
  done
  touch "$refpolicy/ready"
}

# build_modules DIR [EXTRA_TE]: builds the modules in DIR from selinux/, EXTRA_TE appended.
build_modules() {
  rm -rf "$1"
  mkdir -p "$1"
  cp "$selinux_dir"/*.te "$selinux_dir"/*.fc "$selinux_dir"/*.if "$1/"
  [ -n "${2:-}" ] && cat "$2" >>"$1/vcissuer.te"
  # vcissuer_nethsm has no file contexts of its own.
  : >"$1/vcissuer_nethsm.fc"
  make -s -C "$1" -f "$devel_makefile" NAME=default vcissuer.pp vcissuer_nethsm.pp \
    >"$1/make.log" 2>&1
}

# link_policy OUT LOG MODULES...: links Debian's base and all its modules with MODULES.
link_policy() {
  local out="$1" log="$2"
  shift 2
  local others=() module
  for module in "$refpolicy"/pp/*.pp; do
    [ "$(basename "$module")" = base.pp ] || others+=("$module")
  done
  semodule_link -o "$out" "$refpolicy/pp/base.pp" "${others[@]}" "$@" >"$log" 2>&1
}

# expand_policy LINKED OUT LOG [no-check]: expands a linked policy; no-check skips the
# neverallow rules (semodule_expand -a).
expand_policy() {
  local flags=()
  [ "${4:-}" = no-check ] && flags=(-a)
  semodule_expand "${flags[@]}" "$1" "$2" >>"$3" 2>&1
}

# link_expand OUT LOG MODULES...: links and expands, neverallow rules checked.
link_expand() {
  local out="$1" log="$2" rc=0
  shift 2
  link_policy "$out.linked" "$log" "$@" && expand_policy "$out.linked" "$out" "$log" || rc=1
  rm -f "$out.linked"
  return $rc
}

run_claims() {
  local policy="$1" label="$2" claim
  for claim in "${CLAIMS[@]}"; do
    if "claim_$claim" "$policy"; then
      pass "$label: $claim"
    else
      fail "$label: $claim"
    fi
  done
}

step "fetching Debian's selinux-policy-default"
fetch_refpolicy
echo "   $(ls "$refpolicy"/deb), $(ls "$refpolicy"/pp | wc -l) modules"

step "building the modules"
if build_modules "$work/good"; then
  pass "vcissuer.pp and vcissuer_nethsm.pp build"
else
  fail "the modules do not build"
  cat "$work/good/make.log"
  exit 1
fi

step "linking and expanding with every Debian module (neverallow checked)"
if link_expand "$work/base.policy" "$work/base.log" "$work/good/vcissuer.pp"; then
  pass "base policy + vcissuer expands: no neverallow violated"
else
  fail "base policy + vcissuer does not expand"
  cat "$work/base.log"
fi
if link_expand "$work/nethsm.policy" "$work/nethsm.log" "$work/good/vcissuer.pp" \
  "$work/good/vcissuer_nethsm.pp"; then
  pass "base policy + vcissuer + vcissuer_nethsm expands: no neverallow violated"
else
  fail "base policy + vcissuer + vcissuer_nethsm does not expand"
  cat "$work/nethsm.log"
fi

step "checking the claims with sesearch and sedta"
if [ -f "$work/base.policy" ]; then
  run_claims "$work/base.policy" "vcissuer"
  if check_module_rules "$work/base.policy"; then
    pass "vcissuer: the rules the claims are about exist"
  else
    fail "vcissuer: rules the claims are about are missing"
  fi
fi
if [ -f "$work/nethsm.policy" ]; then
  run_claims "$work/nethsm.policy" "vcissuer+nethsm"
  if check_nethsm_rules "$work/nethsm.policy"; then
    pass "vcissuer+nethsm: the HSM socket rules exist"
  else
    fail "vcissuer+nethsm: HSM socket rules are missing"
  fi
fi

source "$here/broken.sh"
source "$here/file_contexts.sh"

echo "selinux analysis took $SECONDS s"
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
