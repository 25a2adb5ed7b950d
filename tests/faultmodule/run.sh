#!/usr/bin/env bash
# HSM fault test: a real vcissuerd on a fresh SoftHSM token, reached through the fault-injecting
# module (libvci_faultmodule.so, see fault_module.cc), is driven through each fault and must
# answer as issue #10 asks: a lost session is reopened and the request succeeds; a removed or
# failing device gives 503 with Retry-After and /readyz false; the daemon recovers by itself when
# the device is back, logging in again (once) after a reset that dropped the login.
# Usage: tests/faultmodule/run.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
export VCI_BUILD_DIR=${1:?usage: run.sh BUILD_DIR}
VCI_BUILD_DIR=$(cd "$VCI_BUILD_DIR" && pwd)
# shellcheck source=../../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"

module="$VCI_BUILD_DIR/tests/libvci_faultmodule.so"
[ -f "$module" ] || { echo "missing $module: build the vci_faultmodule target" >&2; exit 1; }

work=$(mktemp -d)
dir="$work/appliance"
cleanup() {
  vci_appliance_stop "$dir"
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { # expect_eq WHAT WANT GOT
  if [ "$2" = "$3" ]; then pass "$1 = $2"; else fail "$1: want '$2', got '$3'"; fi
}

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
vci_appliance_init "$dir" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
  "127.0.0.1:$admin_port" "$src/tests/e2e/policy/e2e.toml.in"
# The daemon reaches the token through the fault module.
sed -i -e "s|^module = .*|module = \"$module\"|" "$dir/vcissuer.toml"
one_worker "$dir/vcissuer.toml"
export VCI_FAULT_TARGET=/usr/lib/softhsm/libsofthsm2.so
export VCI_FAULT_CONTROL="$dir/fault"
export VCI_FAULT_LOGIN_LOG="$dir/logins"
: >"$VCI_FAULT_CONTROL"
: >"$VCI_FAULT_LOGIN_LOG"
vci_appliance_start "$dir"

admin="http://127.0.0.1:$admin_port"
public="http://127.0.0.1:$public_port"
hr_token=$(cat "$dir/hr-token")
body="$work/body"
headers="$work/headers"

# create_offer [TX_CODE]: POST /offers, with a tx_code (whose HMAC the token computes) unless
# TX_CODE is false; prints the status, leaves the answer in $body and $headers.
create_offer() {
  curl -sS -o "$body" -D "$headers" -w '%{http_code}' -X POST "$admin/offers" \
    -H "Authorization: Bearer $hr_token" -H 'Content-Type: application/json' \
    --data '{"credential_configuration_id":"employee_badge","claims":{"given_name":"Erika","family_name":"Mustermann","employee_id":"E1"},"tx_code":'"${1:-true}"'}'
}

# get: GET URL; prints the status, leaves the answer in $body and $headers.
get() {
  curl -sS -o "$body" -D "$headers" -w '%{http_code}' "$1"
}

# redeem CODE: POST /token with a pre-authorized code; prints the status.
redeem() {
  curl -sS -o "$body" -D "$headers" -w '%{http_code}' -X POST "$public/token" \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code' \
    --data-urlencode "pre-authorized_code=$1"
}

# signed_metadata: GET the signed issuer metadata (signed in the token on every request); prints
# the status.
signed_metadata() {
  curl -sS -o "$body" -D "$headers" -w '%{http_code}' -H 'Accept: application/jwt' \
    "$public/.well-known/openid-credential-issuer"
}

retry_after() { tr -d '\r' <"$headers" | sed -n 's/^[Rr]etry-[Aa]fter: //p'; }

# wait_ready: polls /readyz until 200, at most 5 s (the token is probed at most once a second).
wait_ready() {
  for _ in $(seq 1 50); do
    [ "$(get "$admin/readyz")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# A healthy appliance: an offer, its code fetched, /readyz true.
expect_eq "baseline POST /offers" 201 "$(create_offer false)"
offer_uri=$(jq -r .credential_offer_uri "$body")
offer_path=${offer_uri#"$public"}
expect_eq "baseline GET offer" 200 "$(get "$public$offer_path")"
code=$(jq -r '.grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"]["pre-authorized_code"]' "$body")
expect_eq "baseline signed metadata" 200 "$(signed_metadata)"
expect_eq "baseline /readyz" 200 "$(get "$admin/readyz")"
expect_eq "baseline /readyz status" ready "$(jq -r .status "$body")"

# A lost session: reopened, the request succeeds, the fault is used up.
echo CKR_SESSION_HANDLE_INVALID >"$VCI_FAULT_CONTROL"
expect_eq "lost session: POST /offers" 201 "$(create_offer)"
expect_eq "lost session: fault used up" "" "$(cat "$VCI_FAULT_CONTROL")"
expect_eq "lost session: /readyz" 200 "$(get "$admin/readyz")"

# Device faults: 503 with Retry-After on every endpoint that needs the token, /readyz false,
# /healthz true; recovery on its own once the device is back.
for fault in CKR_DEVICE_REMOVED CKR_DEVICE_ERROR CKR_TOKEN_NOT_PRESENT; do
  echo "$fault" >"$VCI_FAULT_CONTROL"
  expect_eq "$fault: POST /offers" 503 "$(create_offer)"
  expect_eq "$fault: POST /offers error" temporarily_unavailable "$(jq -r .error "$body")"
  expect_eq "$fault: POST /offers Retry-After" 5 "$(retry_after)"
  expect_eq "$fault: GET offer" 503 "$(get "$public$offer_path")"
  expect_eq "$fault: GET offer Retry-After" 5 "$(retry_after)"
  expect_eq "$fault: POST /token" 503 "$(redeem "$code")"
  expect_eq "$fault: POST /token Retry-After" 5 "$(retry_after)"
  expect_eq "$fault: signed metadata" 503 "$(signed_metadata)"
  expect_eq "$fault: signed metadata Retry-After" 5 "$(retry_after)"
  expect_eq "$fault: /readyz" 503 "$(get "$admin/readyz")"
  expect_eq "$fault: /readyz reason" hsm_unavailable "$(jq -r .reason "$body")"
  case "$(jq -r .detail "$body")" in
    *"$fault"*) pass "$fault: /readyz detail names the CK_RV" ;;
    *) fail "$fault: /readyz detail: $(cat "$body")" ;;
  esac
  expect_eq "$fault: /healthz" 200 "$(get "$admin/healthz")"
  : >"$VCI_FAULT_CONTROL"
  if wait_ready; then pass "$fault: /readyz true again"; else fail "$fault: never ready again"; fi
  expect_eq "$fault: POST /offers after recovery" 201 "$(create_offer)"
done

# A reset (device removed and put back): every session and the login are gone. The next request
# reopens its session, logs in again once, and succeeds.
logins_before=$(wc -l <"$VCI_FAULT_LOGIN_LOG")
echo reset >"$VCI_FAULT_CONTROL"
expect_eq "reset: POST /offers" 201 "$(create_offer)"
expect_eq "reset: logins made" 1 "$(($(wc -l <"$VCI_FAULT_LOGIN_LOG") - logins_before))"
expect_eq "reset: /readyz" 200 "$(get "$admin/readyz")"
expect_eq "reset: GET offer" 200 "$(get "$public$offer_path")"
expect_eq "reset: signed metadata" 200 "$(signed_metadata)"
expect_eq "redeem after the faults" 200 "$(redeem "$code")"

# A slow device: answers come, late.
echo "delay 300" >"$VCI_FAULT_CONTROL"
start=$(date +%s%N)
expect_eq "delay: POST /offers" 201 "$(create_offer)"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
: >"$VCI_FAULT_CONTROL"
if [ "$elapsed_ms" -ge 300 ]; then pass "delay: took ${elapsed_ms} ms"; else fail "delay: ${elapsed_ms} ms"; fi

# The metrics saw all of it.
expect_eq "GET /metrics" 200 "$(get "$admin/metrics")"
case "$(tr -d '\r' <"$headers" | sed -n 's/^[Cc]ontent-[Tt]ype: //p')" in
  "text/plain; version=0.0.4"*) pass "/metrics content type" ;;
  *) fail "/metrics content type: $(cat "$headers")" ;;
esac
for series in \
  'vcissuer_http_requests_total{endpoint="/offers",status="503"} 3' \
  'vcissuer_http_requests_total{endpoint="/token",status="503"} 3' \
  'vcissuer_http_requests_total{endpoint="/credential-offer/{id}",status="503"} 3' \
  'vcissuer_http_requests_total{endpoint="/token",status="200"} 1' \
  'vcissuer_hsm_errors_total{operation="hmac",outcome="session_lost"}' \
  'vcissuer_hsm_errors_total{operation="hmac",outcome="device_removed"}' \
  'vcissuer_hsm_errors_total{operation="hmac",outcome="device_error"}' \
  'vcissuer_hsm_errors_total{operation="hmac",outcome="token_not_present"}' \
  'vcissuer_hsm_errors_total{operation="hmac",outcome="handle_lost"} 1' \
  'vcissuer_hsm_errors_total{operation="probe",outcome="session_lost"} 1' \
  'vcissuer_hsm_operation_duration_seconds_count{operation="login"} 1' \
  'vcissuer_hsm_errors_total{operation="sign",outcome="handle_lost"} 1' \
  'vcissuer_http_requests_total{endpoint="/.well-known/openid-credential-issuer",status="503"} 3' \
  'vcissuer_errors_total{code="unavailable"}'; do
  if grep -qF "$series" "$body"; then pass "metric $series"; else fail "metric $series"; fi
done
if grep -qE '^vcissuer_hsm_operation_duration_seconds_bucket\{operation="hmac",le="0.25"\} ' "$body"; then
  pass "hmac latency histogram"
else
  fail "hmac latency histogram"
fi

# The log: one line per request with its id, route, status, error code and latency in us; no
# code or token in it.
log="$dir/vcissuerd.log"
if grep -qE 'MESSAGE_ID=7b0e2c55a4d94f0e9a3c61f2d8b47e03 .*REQUEST_ID=[0-9a-f]{16} .*ENDPOINT=/offers STATUS=503 LATENCY_US=[0-9]+ .*ERROR_CODE=unavailable DETAIL="C_SignInit: CKR_DEVICE_REMOVED"' "$log"; then
  pass "request log line with journald fields"
else
  fail "request log line: $(grep 'STATUS=503' "$log" | head -2)"
fi
if grep -qF "$code" "$log" || grep -qF "$hr_token" "$log"; then
  fail "a code or token reached the log"
else
  pass "no code or token in the log"
fi

if [ "$failures" -ne 0 ]; then
  grep -E '^vcissuer_(hsm|http)' "$body" >&2 || true
  echo "$failures checks failed; the daemon's log:" >&2
  tail -50 "$log" >&2
  exit 1
fi
echo "all HSM fault checks passed"
