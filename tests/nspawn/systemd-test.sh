#!/usr/bin/env bash
# vcissuerd under a real systemd 252: boots a Debian 12 container (systemd-nspawn) with the built
# binaries and the units of systemd/ installed as a package would install them, and lets
# in-container.sh check socket activation, readiness, offers through the sockets, reload, the
# restart of a hung worker, the sandbox, the watchdog restart of a hung supervisor, a clean stop
# and a wrong PIN (one login in total). Prints every check; fails if one fails.
# Usage: systemd-test.sh BUILD_DIR. Needs root, systemd-nspawn and debootstrap (the tree is cached
# in $VCI_ROOTFS_CACHE, default /var/tmp/vci-nspawn-rootfs, by make-rootfs.sh).
set -euo pipefail
build=$(cd "${1:?usage: systemd-test.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
here=$src/tests/nspawn
cache=${VCI_ROOTFS_CACHE:-/var/tmp/vci-nspawn-rootfs}

[ "$(id -u)" = 0 ] || { echo "FAIL: needs root (systemd-nspawn)" >&2; exit 1; }
command -v systemd-nspawn >/dev/null || { echo "FAIL: systemd-nspawn is missing" >&2; exit 1; }
bash "$here/make-rootfs.sh" "$cache"

work=$(mktemp -d /var/tmp/vci-nspawn.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
cp -a --reflink=auto "$cache" "$root"
mkdir -p "$work/results"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
public_port=$(free_port)
admin_port=$(free_port)

# What a package installs (the agreed paths).
install -m 0755 "$build/bin/vcissuerd" "$build/bin/vcissuerctl" "$root/usr/bin/"
# The PKCS#11 module the daemon loads: tests/faultmodule, forwarding to SoftHSM and writing one
# line per C_Login to $VCI_FAULT_LOGIN_LOG, so logins are counted across processes and restarts.
[ -f "$build/tests/libvci_faultmodule.so" ] ||
  { echo "FAIL: build the vci_faultmodule target first" >&2; exit 1; }
install -D -m 0644 "$build/tests/libvci_faultmodule.so" \
  "$root/usr/lib/vcissuer-test/libvci_faultmodule.so"
units=$root/usr/lib/systemd/system
install -m 0644 "$src/systemd/vcissuerd.service" "$units/"
for name in public admin; do
  port_var=${name}_port
  sed "s/^ListenStream=.*/ListenStream=127.0.0.1:${!port_var}/" \
    "$src/systemd/vcissuerd-$name.socket" >"$units/vcissuerd-$name.socket"
done
install -D -m 0644 "$src/systemd/vcissuer.sysusers" "$root/usr/lib/sysusers.d/vcissuer.conf"
install -D -m 0644 "$src/systemd/vcissuer.tmpfiles" "$root/usr/lib/tmpfiles.d/vcissuer.conf"

# Test-only changes: a short watchdog so a hung supervisor is caught within seconds.
mkdir -p "$root/etc/systemd/system/vcissuerd.service.d"
cat >"$root/etc/systemd/system/vcissuerd.service.d/test.conf" <<'EOF'
[Service]
Environment=VCI_FAULT_LOGIN_LOG=/var/lib/vcissuer/c_login.log
WatchdogSec=5s
TimeoutAbortSec=3s
RestartSec=1s
EOF

# The sandbox probe: the service's own unit with a probe as ExecStart (same sandbox lines).
sed -e 's|^ExecStart=.*|ExecStart=/bin/bash /vci-test/sandbox-probe.sh|' -e 's|^Type=.*|Type=oneshot|' \
  -e '/^ExecReload=/d' -e '/^WatchdogSec=/d' -e '/^Sockets=/d' -e '/^Restart/d' \
  -e '/^Requires=/d' -e '/^After=/d' -e '/^Also=/d' \
  "$src/systemd/vcissuerd.service" >"$units/vci-sandbox-probe.service"

mkdir -p "$root/vci-test"
install -m 0755 "$here/in-container.sh" "$here/sandbox-probe.sh" "$root/vci-test/"
cp "$here/vcissuer.toml.in" "$src/tests/e2e/policy/e2e.toml.in" "$root/vci-test/"
mv "$root/vci-test/e2e.toml.in" "$root/vci-test/policy.toml.in"
printf 'PUBLIC_PORT=%s\nADMIN_PORT=%s\n' "$public_port" "$admin_port" >"$root/vci-test/env"
cat >"$units/vci-test.service" <<'EOF'
[Unit]
Description=vcissuer systemd integration checks
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/bin/bash /vci-test/in-container.sh
EOF
mkdir -p "$root/etc/systemd/system/default.target.wants"
ln -sf /usr/lib/systemd/system/vci-test.service "$root/etc/systemd/system/default.target.wants/"

echo "== booting the container (ports $public_port, $admin_port)"
start=$SECONDS
set +e
timeout 420 systemd-nspawn -D "$root" -b --register=no --keep-unit --capability=CAP_IPC_LOCK \
  --console=pipe --bind="$work/results:/results" >"$work/boot.log" 2>&1
rc=$?
set -e
echo "== container ran $((SECONDS - start)) s (exit $rc)"
cat "$work/results/checks" 2>/dev/null || true
if [ ! -f "$work/results/checks" ] || grep -q '^FAIL' "$work/results/checks" ||
  ! grep -q '^done' "$work/results/checks"; then
  echo "---- commands.log ----" >&2
  tail -n 40 "$work/results/commands.log" >&2 2>/dev/null || true
  echo "---- vcissuerd journal ----" >&2
  grep -E 'vcissuerd|systemd\[1\]: vcissuerd' "$work/results/journal.txt" | tail -n 60 >&2 2>/dev/null ||
    tail -n 40 "$work/boot.log" >&2
  echo "FAIL: systemd integration" >&2
  exit 1
fi
echo PASS
