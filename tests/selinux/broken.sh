# shellcheck shell=bash disable=SC2154 # work, here, refpolicy: set by analyse.sh
# The deliberately broken copy of the module (sourced by analyse.sh): selinux/vcissuer.te with
# broken.te appended must fail both halves of the analysis, for every rule broken.te adds.

step "a broken copy of the module must fail"
if ! build_modules "$work/broken" "$here/broken.te"; then
  fail "the broken copy does not build"
  cat "$work/broken/make.log"
elif ! link_policy "$work/broken.linked" "$work/broken.log" "$work/broken/vcissuer.pp"; then
  fail "the broken copy does not link"
  cat "$work/broken.log"
else
  if expand_policy "$work/broken.linked" "$work/broken.policy" "$work/broken.log"; then
    fail "the broken copy expands: its neverallow rules are not enforced"
  else
    pass "the broken copy fails expansion"
    while read -r expected; do
      if grep -qF "neverallow violated by $expected" "$work/broken.log"; then
        pass "expansion reports: $expected"
      else
        fail "expansion does not report: $expected"
      fi
    done < <(sed -n 's/^# expect: //p' "$here/broken.te")
  fi
  if expand_policy "$work/broken.linked" "$work/broken-unchecked.policy" \
    "$work/broken-unchecked.log" no-check; then
    while read -r claim; do
      if "claim_$claim" "$work/broken-unchecked.policy" >"$work/broken-$claim.log"; then
        fail "the broken copy passes the query of claim $claim"
      else
        pass "the broken copy fails the query of claim $claim"
      fi
    done < <(sed -n 's/^# claim: //p' "$here/broken.te")
  else
    fail "the broken copy does not expand even without assertion checks"
    cat "$work/broken-unchecked.log"
  fi
fi
rm -f "$work/broken.linked" "$work/broken.policy" "$work/broken-unchecked.policy"
