#!/usr/bin/env bash
# TLS on the listeners: a real vcissuerd with [tls.public] and [tls.admin] set, a certificate
# made here, and OpenSSL's client as the independent other end. TLS 1.2 and 1.3 handshakes
# succeed, TLS 1.1 and a TLS 1.2 CBC suite are refused by the server, requests work over HTTPS
# on both listeners, and the admin listener reports verified client certificates only. Usage: tests/daemon/http/tls_test.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: tls_test.sh BUILD_DIR}
VCI_BUILD_DIR=$(cd "$VCI_BUILD_DIR" && pwd)
# shellcheck source=../../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

work=$(mktemp -d)
dir="$work/appliance"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# one_worker: the appliance runs a single worker process, so that one process's logins and
# counters are what the test reads (dev-appliance.sh may already write a [server] table).
one_worker() {
  if grep -q '^\[server\]' "$1"; then
    sed -i -e '/^\[server\]/,/^\[/{/^workers *=/d}' -e 's/^\[server\]$/[server]\nworkers = 1/' "$1"
  else
    printf '\n[server]\nworkers = 1\n' >>"$1"
  fi
}

public_port=$(vci_free_port)
admin_port=$(vci_free_port)
vci_appliance_init "$dir" "https://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
  "127.0.0.1:$admin_port" "$src/tests/e2e/policy/e2e.toml.in"

# A P-256 certificate for 127.0.0.1, made for this run.
(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null)
# A client CA, a client certificate it signed, and a self-signed one it did not.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=test-ca \
  -keyout "$work/ca.key" -out "$dir/client-ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=hr-system \
  -keyout "$work/client.key" -out "$work/client.csr" 2>/dev/null
openssl x509 -req -in "$work/client.csr" -CA "$dir/client-ca.crt" -CAkey "$work/ca.key" \
  -CAcreateserial -days 1 -out "$work/client.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=intruder \
  -keyout "$work/intruder.key" -out "$work/intruder.crt" 2>/dev/null
client_sha=$(openssl x509 -in "$work/client.crt" -outform DER | sha256sum | cut -d' ' -f1)
intruder_sha=$(openssl x509 -in "$work/intruder.crt" -outform DER | sha256sum | cut -d' ' -f1)

one_worker "$dir/vcissuer.toml"
cat >>"$dir/vcissuer.toml" <<TOML

[tls.public]
certificate = "tls.crt"
key = "tls.key"

[tls.admin]
certificate = "tls.crt"
key = "tls.key"
client_ca = "client-ca.crt"
TOML

"$(vci_bin vcissuerd)" --config "$dir/vcissuer.toml" >"$dir/vcissuerd.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 100); do
  if curl -fsS --cacert "$dir/tls.crt" "https://127.0.0.1:$admin_port/healthz" >/dev/null 2>&1; then
    ready=yes
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "vcissuerd did not come up over HTTPS; its log:" >&2
  cat "$dir/vcissuerd.log" >&2
  exit 1
fi
pass "admin /healthz over HTTPS, certificate verified"

status=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$dir/tls.crt" \
  "https://127.0.0.1:$public_port/.well-known/openid-credential-issuer")
if [ "$status" = 200 ]; then pass "public metadata over HTTPS"; else fail "metadata: $status"; fi
status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$public_port/token" 2>/dev/null ||
  true)
if [ "$status" != 200 ] && [ "$status" != 400 ]; then
  pass "plain HTTP is not served on a TLS listener"
else
  fail "plain HTTP answered $status"
fi

# handshake PORT ARGS...: runs OpenSSL's client; prints its output.
handshake() {
  local port=$1
  shift
  openssl s_client -connect "127.0.0.1:$port" -servername 127.0.0.1 "$@" </dev/null 2>&1 || true
}

# refused OUTPUT: the client sent its hello and the server sent nothing back.
refused() {
  grep -qE 'SSL handshake has read 0 bytes and written [1-9][0-9]* bytes' <<<"$1" &&
    grep -q 'no peer certificate available' <<<"$1"
}

for port in "$public_port" "$admin_port"; do
  out=$(handshake "$port" -tls1_3)
  if grep -q 'Protocol *: TLSv1.3' <<<"$out" || grep -q 'New, TLSv1.3' <<<"$out"; then
    pass "port $port: TLS 1.3 handshake"
  else
    fail "port $port: TLS 1.3: $out"
  fi
  out=$(handshake "$port" -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256)
  if grep -q 'Protocol *: TLSv1.2' <<<"$out" && grep -q 'ECDHE-ECDSA-AES128-GCM-SHA256' <<<"$out"; then
    pass "port $port: TLS 1.2 handshake with ECDHE-ECDSA-AES128-GCM-SHA256"
  else
    fail "port $port: TLS 1.2: $out"
  fi
  # The client is told to allow TLS 1.1 (security level 0) and sends its ClientHello; the server
  # answers nothing (no ServerHello, no certificate) and closes: the refusal is the server's.
  out=$(handshake "$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0')
  if refused "$out"; then
    pass "port $port: TLS 1.1 refused by the server"
  else
    fail "port $port: TLS 1.1: $out"
  fi
  # BCP 195: no CBC suites in TLS 1.2.
  out=$(handshake "$port" -tls1_2 -cipher 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0')
  if refused "$out"; then
    pass "port $port: TLS 1.2 CBC suite refused by the server"
  else
    fail "port $port: TLS 1.2 CBC: $out"
  fi
done

# Client certificates on the admin listener: a verified one is reported (by its SHA-256, as an
# independent sha256sum of its DER computes it), an unverified one is not; both requests pass,
# since bearer tokens still authenticate.
log="$dir/vcissuerd.log"
status=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$dir/tls.crt" \
  --cert "$work/client.crt" --key "$work/client.key" "https://127.0.0.1:$admin_port/readyz")
if [ "$status" = 200 ]; then pass "/readyz with a client certificate"; else fail "cert: $status"; fi
status=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$dir/tls.crt" \
  --cert "$work/intruder.crt" --key "$work/intruder.key" "https://127.0.0.1:$admin_port/metrics")
if [ "$status" = 200 ]; then
  pass "/metrics with an unknown client certificate"
else
  fail "unknown client cert: $status"
fi
sleep 0.2
if grep -E "ENDPOINT=/readyz .*CLIENT_CERT_SHA256=$client_sha" "$log" >/dev/null; then
  pass "verified client certificate reported by its SHA-256"
else
  fail "client certificate $client_sha not in the log: $(grep ENDPOINT=/readyz "$log")"
fi
if grep -q "$intruder_sha" "$log" || grep -E 'ENDPOINT=/metrics .*CLIENT_CERT_SHA256' "$log" >/dev/null; then
  fail "an unverified client certificate was reported"
else
  pass "unverified client certificate not reported"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures checks failed; the daemon's log:" >&2
  tail -30 "$dir/vcissuerd.log" >&2
  exit 1
fi
echo "all TLS checks passed"
