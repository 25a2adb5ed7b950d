#!/bin/bash
# Runs inside the booted test container of install-test.sh, as root: follows README.Debian's
# appliance steps for the installed vcissuerd, creates one offer, waits while the host's wallet
# redeems it, then removes and purges the packages and records what stays.
#
# It talks to the host only through files in /vci-results: offer.json and "ready" once the
# offer exists, "go" (from the host) once the wallet is done, checks.txt and "finished" at the end,
# "failed" on any error. Ports 18443 and 18444: the container shares the host's network.
set -euo pipefail
out=/vci-results
exec >"$out/steps.log" 2>&1
fail() {
  journalctl -u vcissuerd.service -n 60 --no-pager || true
  echo "$1" >"$out/failed"
  systemctl poweroff
  exit 1
}
trap 'fail "failed at line $LINENO"' ERR
set -x

conf=/etc/vcissuer/vcissuer.toml
ctl() {
  systemd-run --quiet --pipe --wait -p User=vcissuer \
    -p LoadCredential=pkcs11-pin:/etc/vcissuer/pin \
    vcissuerctl --config "$conf" "$@"
}

# Step 1: the token, initialised as the service user. The PINs are random and stay in /root.
umask 077
openssl rand -hex 16 >/root/so-pin
openssl rand -hex 16 >/root/pin
set +x
runuser -u vcissuer -- softhsm2-util --init-token --free --label vcissuer \
  --so-pin "$(cat /root/so-pin)" --pin "$(cat /root/pin)"
set -x

# Step 2: the PIN as the service's credential.
install -m 0600 /root/pin /etc/vcissuer/pin

# Step 3: the keys, made inside the token.
ctl keys generate --type hmac-sha256 --label code-hmac
ctl keys generate --type ec-p256 --label badge-signer

# Step 4: the policy's client token, and the identifier and listeners on the test ports (plain
# http on loopback, which the wallet accepts with --insecure-loopback). install-test.sh has
# already moved the sockets there, before the first boot.
openssl rand -hex 32 >/root/hr-token
hr_sha=$(tr -d '\n' </root/hr-token | sha256sum | cut -d' ' -f1)
sed -i "s/^token_sha256 = .*/token_sha256 = \"$hr_sha\"/" /etc/vcissuer/policy.d/employee_badge.toml
sed -i -e 's|^identifier = .*|identifier = "http://127.0.0.1:18443"|' \
  -e 's|^public = .*|public = "127.0.0.1:18443"|' -e 's|^admin = .*|admin = "127.0.0.1:18444"|' \
  "$conf"
printf '\n[development]\nallow_insecure_loopback = true\n' >>"$conf"
systemctl daemon-reload
ctl policy check /etc/vcissuer/policy.d --check-keys

# Step 5: start the sockets only; the offer's connection activates the service.
systemctl start vcissuerd-public.socket vcissuerd-admin.socket
if systemctl is-active --quiet vcissuerd.service; then
  fail "vcissuerd.service runs before any connection"
fi
offer() {
  vcissuerctl --config "$conf" offer create --token-file /root/hr-token \
    --configuration employee_badge --claim given_name=Erika --claim family_name=Mustermann \
    --claim employee_id=E123456 --claim department=Engineering --tx-code --expires-in 15m \
    >"$out/offer.json"
}
# TODO(lead): find why the first start in nspawn fails with 243/CREDENTIALS, #9
# Under systemd 252 in nspawn the service's very first start fails with "Failed to set up
# credentials: Protocol error"; Restart= starts it 5 s later and it runs. Not seen on a booted
# machine yet: the test allows that one restart and says so.
if ! offer; then
  echo "note: first activation failed; waiting for the restart" >"$out/first-start-failed"
  for _ in $(seq 1 30); do
    systemctl is-active --quiet vcissuerd.service && break
    sleep 1
  done
  offer
fi
systemctl is-active vcissuerd.service
touch "$out/ready"

for _ in $(seq 1 300); do
  [ -e "$out/go" ] && break
  sleep 1
done
[ -e "$out/go" ] || fail "the host's wallet never finished"

# Remove: configuration, state and token stay; the service is stopped and its units gone.
{
  apt-get remove -y -q vcissuerd vcissuerctl >/dev/null
  echo "after remove:"
  for p in /etc/vcissuer/vcissuer.toml /etc/vcissuer/pin /var/lib/vcissuer/vcissuer.db \
           /lib/systemd/system/vcissuerd.service /usr/bin/vcissuerd; do
    if [ -e "$p" ]; then echo "present $p"; else echo "absent $p"; fi
  done
  echo "service $(systemctl is-active vcissuerd.service || true)"
  echo "tokens $(find /var/lib/softhsm/tokens -name '*.object' | wc -l)"
  apt-get purge -y -q vcissuerd vcissuerctl >/dev/null
  echo "after purge:"
  for p in /etc/vcissuer /var/lib/vcissuer /var/lib/softhsm/tokens; do
    if [ -e "$p" ]; then echo "present $p"; else echo "absent $p"; fi
  done
  echo "tokens $(find /var/lib/softhsm/tokens -name '*.object' | wc -l)"
  echo "user $(getent passwd vcissuer | cut -d: -f1)"
} >"$out/checks.txt"
touch "$out/finished"
systemctl poweroff
