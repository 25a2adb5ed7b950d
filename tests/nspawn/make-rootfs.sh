#!/usr/bin/env bash
# make-rootfs.sh DIR: a Debian 12 (bookworm) minbase tree in DIR that can boot systemd 252 in
# systemd-nspawn and run vcissuerd: systemd, dbus, SoftHSM2 and the daemon's runtime libraries.
# Made once with debootstrap (about a minute) and reused: DIR/.vci-rootfs records the package
# list it was made with, and a tree made with the same list is left alone. Tests copy the tree
# (cp -a --reflink=auto) rather than boot it, so it stays clean. Shared by tests/nspawn and the
# packaging tests, which add their own packages with VCI_ROOTFS_EXTRA="pkg ...".
# Needs root and debootstrap (scripts/setup-deps.sh installs it).
set -euo pipefail
dir=${1:?usage: make-rootfs.sh DIR}
mirror=${VCI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages="systemd systemd-sysv dbus softhsm2 curl openssl ca-certificates libmicrohttpd12
  libcurl4 libqrencode4 libsqlite3-0 libssl3 libtomlplusplus3 libp11-kit0 ${VCI_ROOTFS_EXTRA:-}"
stamp="bookworm minbase $(echo $packages | tr ' ' '\n' | sort -u | tr '\n' ' ')"

if [ -f "$dir/.vci-rootfs" ] && [ "$(cat "$dir/.vci-rootfs")" = "$stamp" ]; then
  echo "make-rootfs: reusing $dir"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "make-rootfs: debootstrap is missing" >&2; exit 1; }
partial=$dir.partial.$$
rm -rf "$partial"
mkdir -p "$(dirname "$dir")"
trap 'rm -rf "$partial"' EXIT
debootstrap --variant=minbase --include="$(echo $packages | tr ' ' ',')" bookworm "$partial" \
  "$mirror" >"$partial.log" 2>&1 || { tail -n 30 "$partial.log" >&2; rm -f "$partial.log"; exit 1; }
rm -f "$partial.log"
# No getty on the console and no network setup to wait for: the container boots straight to the
# units under test. The machine id is made fresh at each boot.
chroot "$partial" systemctl mask console-getty.service getty@tty1.service \
  systemd-networkd-wait-online.service systemd-timesyncd.service >/dev/null 2>&1 || true
: >"$partial/etc/machine-id"
rm -rf "$partial/var/cache/apt/archives/"*.deb
echo "$stamp" >"$partial/.vci-rootfs"
rm -rf "$dir"
mv "$partial" "$dir"
trap - EXIT
echo "make-rootfs: made $dir"
