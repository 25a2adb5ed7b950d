# shellcheck shell=bash disable=SC2154 # work, here, refpolicy: set by analyse.sh
# File contexts (sourced by analyse.sh): installs Debian's modules and vcissuer.pp into an
# offline policy store under WORK_DIR (semodule -p, as the policy package's own postinst does,
# without loading anything), then asks matchpathcon, against that store's file_contexts, for
# the type of every path in file-contexts.txt.

step "file contexts from an offline policy store"
store="$work/store"
rm -rf "$store"
mkdir -p "$store/etc/selinux" "$store/var/lib/selinux"
cp -a "$refpolicy/root/etc/selinux/default" "$store/etc/selinux/"
printf 'SELINUX=permissive\nSELINUXTYPE=default\n' >"$store/etc/selinux/config"
install_args=(-i "$refpolicy/pp/base.pp")
while read -r module; do
  install_args+=(-i "$refpolicy/pp/$module.pp")
done <"$refpolicy/root/usr/share/selinux/default/.modules"
install_args+=(-i "$work/good/vcissuer.pp" -i "$work/good/vcissuer_nethsm.pp")
if semodule -p "$store" -s default -n -X 100 "${install_args[@]}" >"$work/store.log" 2>&1; then
  pass "semodule installs vcissuer.pp and vcissuer_nethsm.pp into the offline store"
  file_contexts="$store/etc/selinux/default/contexts/files/file_contexts"
  while read -r path expected; do
    case "$path" in '' | '#'*) continue ;; esac
    got="$(matchpathcon -f "$file_contexts" "$path" | awk '{print $2}' | cut -d: -f3)"
    if [ "$got" = "$expected" ]; then
      pass "file context $path: $got"
    else
      fail "file context $path: got ${got:-nothing}, want $expected"
    fi
  done <"$here/file-contexts.txt"
else
  fail "semodule cannot install the modules into an offline store"
  cat "$work/store.log"
fi
