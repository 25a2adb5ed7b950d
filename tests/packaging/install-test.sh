#!/usr/bin/env bash
# The operator's test of the Debian packages: installs the built .deb files into a fresh Debian 12
# tree (debootstrap minbase), boots it with systemd-nspawn, follows README.Debian's appliance
# steps inside (appliance-steps.sh), redeems the offer with the project's wallet from the host
# through the socket-activated service, then removes and purges the packages and checks that
# configuration and state stay on removal, go on purge, and the SoftHSM token always stays.
#
#   tests/packaging/install-test.sh DEBDIR     DEBDIR holds vcissuerd_*.deb and vcissuerctl_*.deb
#
# Needs root, debootstrap, systemd-container, node (examples/wallet/setup.sh run) and free
# loopback ports 18443 and 18444. VCI_ROOTFS_CACHE names the bare tree that make-rootfs.sh keeps.
# Bounded: the whole test stops after VCI_INSTALL_TEST_TIMEOUT seconds (default 900).
set -euo pipefail

if [ $# -ne 1 ]; then
  sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p' >&2
  exit 2
fi
debdir=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
deadline=$((SECONDS + ${VCI_INSTALL_TEST_TIMEOUT:-900}))
mirror=${VCI_DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/vci-install-test.XXXXXX)
root="$work/root"
results="$work/results"
mkdir -p "$root" "$results"
nspawn_pid=""
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill "$nspawn_pid" 2>/dev/null || true
    wait "$nspawn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

die() {
  echo "install-test: FAIL: $*" >&2
  for f in steps.log checks.txt failed; do
    [ -f "$results/$f" ] && { echo "--- $f" >&2; cat "$results/$f" >&2; }
  done
  [ -f "$work/boot.log" ] && { echo "--- boot.log (tail)" >&2; tail -40 "$work/boot.log" >&2; }
  exit 1
}

remaining() {
  echo $((deadline - SECONDS))
}

# wait_for FILE: waits for FILE in the results, or for a failure, until the deadline.
wait_for() {
  while [ ! -e "$results/$1" ]; do
    [ -e "$results/failed" ] && die "inside the container: $(cat "$results/failed")"
    kill -0 "$nspawn_pid" 2>/dev/null || die "the container stopped before $1"
    [ "$(remaining)" -gt 0 ] || die "timed out waiting for $1"
    sleep 1
  done
}

echo "== A fresh Debian 12 tree"
# tests/nspawn/make-rootfs.sh keeps one bare tree for every container test; each test boots a
# copy. Without it, debootstrap makes the tree here.
if [ -f "$src/tests/nspawn/make-rootfs.sh" ]; then
  cache=${VCI_ROOTFS_CACHE:-/var/tmp/vci-nspawn-rootfs}
  timeout "$(remaining)" bash "$src/tests/nspawn/make-rootfs.sh" "$cache" >/dev/null
  rmdir "$root"
  cp -a --reflink=auto "$cache" "$root"
else
  timeout "$(remaining)" debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,softhsm2,openssl,ca-certificates \
    bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; die "debootstrap"; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

echo "== Installing the packages with apt"
mkdir -p "$root/tmp/vci-debs"
cp "$debdir"/vcissuerd_*.deb "$debdir"/vcissuerctl_*.deb "$root/tmp/vci-debs/"
# The maintainer scripts' systemd-tmpfiles needs /proc, as on a running system.
mount -t proc proc "$root/proc"
timeout "$(remaining)" chroot "$root" sh -c \
  'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/vci-debs/*.deb' \
  >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; die "apt-get install"; }
umount "$root/proc"

echo "== What installing did"
chroot "$root" id -nG vcissuer | grep -qw softhsm || die "vcissuer is not in the group softhsm"
[ "$(chroot "$root" stat -c %U /var/lib/softhsm/tokens)" = vcissuer ] || die "token store not owned by vcissuer"
for unit in sockets.target.wants/vcissuerd-public.socket sockets.target.wants/vcissuerd-admin.socket \
            multi-user.target.wants/vcissuerd.service; do
  [ -L "$root/etc/systemd/system/$unit" ] || die "not enabled: $unit"
done
# shellcheck disable=SC2016 # expanded by dpkg-query / node, not by bash
conffiles=$(chroot "$root" dpkg-query -W -f='${Conffiles}' vcissuerd)
for f in /etc/vcissuer/vcissuer.toml /etc/vcissuer/policy.d/employee_badge.toml; do
  grep -q " $f " <<<"$conffiles" || die "not a conffile: $f"
done

echo "== Booting it; the appliance steps run inside"
install -m 0755 "$src/tests/packaging/appliance-steps.sh" "$root/usr/local/sbin/vci-appliance-steps"
cat >"$root/etc/systemd/system/vci-appliance-steps.service" <<'UNIT'
[Unit]
Description=vcissuer install test: README.Debian's appliance steps
After=multi-user.target

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/vci-appliance-steps

[Install]
WantedBy=multi-user.target
UNIT
# The enabled sockets listen from the first boot on, in the host's network: on test ports.
for listener in public:18443 admin:18444; do
  mkdir -p "$root/etc/systemd/system/vcissuerd-${listener%%:*}.socket.d"
  printf '[Socket]\nListenStream=\nListenStream=127.0.0.1:%s\n' "${listener#*:}" \
    >"$root/etc/systemd/system/vcissuerd-${listener%%:*}.socket.d/test-port.conf"
done
ln -sf /etc/systemd/system/vci-appliance-steps.service \
  "$root/etc/systemd/system/multi-user.target.wants/vci-appliance-steps.service"
timeout "$(remaining)" systemd-nspawn -D "$root" -b --register=no --keep-unit \
  --capability=CAP_IPC_LOCK --console=pipe --bind="$results:/vci-results" \
  >"$work/boot.log" 2>&1 </dev/null &
nspawn_pid=$!
wait_for ready

echo "== The wallet redeems the offer through the socket-activated service"
offer_link=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).offer_link)' \
  "$results/offer.json")
tx_code=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).tx_code)' \
  "$results/offer.json")
timeout 120 node "$src/examples/wallet/cli.mjs" redeem --offer "$offer_link" --tx-code "$tx_code" \
  --insecure-loopback --json >"$work/wallet.json" || die "the wallet could not redeem the offer"
# shellcheck disable=SC2016 # expanded by dpkg-query / node, not by bash
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1]));
  const want = { given_name: "Erika", family_name: "Mustermann", employee_id: "E123456",
                 department: "Engineering", employer: "Example Corp" };
  for (const [k, v] of Object.entries(want)) {
    if (r.claims[k] !== v) { console.error(`claim ${k}: ${r.claims[k]}`); process.exit(1); }
  }
  if (r.payload.iss !== "http://127.0.0.1:18443") { console.error("iss", r.payload.iss); process.exit(1); }
' "$work/wallet.json" || die "the credential does not hold the offered claims"
touch "$results/go"
[ -e "$results/first-start-failed" ] &&
  echo "install-test: note: the service's first activation failed and Restart= recovered it"

echo "== Remove and purge"
wait_for finished
# Whatever number of objects the token holds after removal, purging leaves every one of them.
tokens=$(sed -n 's/^tokens //p' "$results/checks.txt" | head -1)
[ "${tokens:-0}" -ge 3 ] || die "the token holds ${tokens:-no} objects after removal"
expected="after remove:
present /etc/vcissuer/vcissuer.toml
present /etc/vcissuer/pin
present /var/lib/vcissuer/vcissuer.db
absent /lib/systemd/system/vcissuerd.service
absent /usr/bin/vcissuerd
service inactive
tokens $tokens
after purge:
absent /etc/vcissuer
absent /var/lib/vcissuer
present /var/lib/softhsm/tokens
tokens $tokens
user vcissuer"
[ "$(cat "$results/checks.txt")" = "$expected" ] ||
  die "after remove and purge: $(diff <(echo "$expected") "$results/checks.txt")"
wait "$nspawn_pid" || true
nspawn_pid=""
echo "install-test: PASS in ${SECONDS}s"
