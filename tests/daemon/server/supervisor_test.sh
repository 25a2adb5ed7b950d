#!/usr/bin/env bash
# The supervisor and its workers, for real, outside systemd: a daemon with two workers on a fresh
# SoftHSM token. Checks, in order:
#   1. both workers start (worker 0 first) and serve the shared listening sockets;
#   2. a worker killed with SIGKILL under load is restarted, and no request gets a 5xx;
#   3. `vcissuerctl reload` returns 0 only after both workers serve generation 2, and a broken
#      policy makes it fail (status 7) with the reason while the old policy keeps serving;
#   4. a hung worker (SIGSTOP) is killed and replaced within heartbeat_timeout;
#   5. SIGTERM stops everything with status 0;
#   6. a refused PIN: status 12, exactly one worker tried to log in, the PIN guard is set; the
#      next start exits 12 before starting any worker; `pin-guard clear` lets it start again.
# Usage: supervisor_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: supervisor_test.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/../../.." && pwd)
export VCI_BUILD_DIR=$build
# shellcheck source=../../../scripts/lib/dev-appliance.sh
source "$src/scripts/lib/dev-appliance.sh"

for tool in curl softhsm2-util; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/setup-deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/vci-supervisor.XXXXXX)
dir=$work/appliance
ctl=$build/bin/vcissuerctl
daemon_pid=
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  [ -n "$daemon_pid" ] && kill -KILL "$daemon_pid" 2>/dev/null
  pkill -KILL -P "${daemon_pid:-0}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "---- vcissuerd log (tail) ----" >&2
  grep -v 'info: request' "$dir/vcissuerd.log" | tail -n 40 >&2 || true
  exit 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

public_port=$(free_port)
admin_port=$(free_port)
public=http://127.0.0.1:$public_port
admin=http://127.0.0.1:$admin_port
vci_appliance_init "$dir" "$public" "127.0.0.1:$public_port" "127.0.0.1:$admin_port" \
  "$src/tests/e2e/policy/e2e.toml.in"
# Two workers with short timeouts, in place of the development appliance's [server] table.
sed -i -e 's/^workers = .*/workers = 2\nheartbeat_timeout = 2\ndrain_timeout = 3/' "$dir/vcissuer.toml"
grep -q '^heartbeat_timeout = 2$' "$dir/vcissuer.toml" || fail "no [server] table to edit"

start_daemon() {
  "$build/bin/vcissuerd" --config "$dir/vcissuer.toml" >>"$dir/vcissuerd.log" 2>&1 &
  daemon_pid=$!
}

# workers_ready N: waits until the control socket reports N of 2 workers ready.
status_line() {
  python3 - "$dir/state/control.sock" <<'PY' 2>/dev/null || true
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])
s.sendall(b"status\n"); print(s.recv(200).decode().strip())
PY
}
wait_ready() {
  for _ in $(seq 1 150); do
    [[ "$(status_line)" == *"workers=2/2" ]] && return 0
    kill -0 "$daemon_pid" 2>/dev/null || fail "vcissuerd exited"
    sleep 0.1
  done
  fail "not 2/2 workers ready: $(status_line)"
}
worker_pid() {
  pgrep -P "$daemon_pid" -f -- "--worker $1 " || true
}

echo "== 1. two workers, worker 0 first"
start_daemon
wait_ready
[ "$(grep -c 'worker ready' "$dir/vcissuerd.log")" = 2 ] || fail "expected two 'worker ready' lines"
grep 'worker ready' "$dir/vcissuerd.log" | head -n 1 | grep -q 'WORKER=0' || fail "worker 0 was not first"
curl -fsS "$public/.well-known/openid-credential-issuer" >/dev/null || fail "metadata not served"

echo "== 2. SIGKILL a worker under load"
codes=$work/codes
: >"$codes"
load() {
  for _ in $(seq 1 150); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 "$public/.well-known/jwt-vc-issuer" \
      >>"$codes" || echo "000" >>"$codes"
  done
}
load & load_a=$!
load & load_b=$!
sleep 0.3
old_pid=$(worker_pid 1)
[ -n "$old_pid" ] || fail "no worker 1"
kill -KILL "$old_pid"
wait "$load_a" "$load_b"
wait_ready
new_pid=$(worker_pid 1)
[ -n "$new_pid" ] && [ "$new_pid" != "$old_pid" ] || fail "worker 1 was not restarted"
if grep -q '^5' "$codes"; then fail "a request got a 5xx: $(sort "$codes" | uniq -c | tr '\n' ' ')"; fi
: >"$codes"
load
[ "$(grep -vc '^200$' "$codes" || true)" = 0 ] || fail "after recovery: $(sort "$codes" | uniq -c)"
echo "   $(wc -l <"$codes") requests after recovery, all 200"
# An offer through the admin API: the HMAC key in the token works in the restarted workers.
"$ctl" --config "$dir/vcissuer.toml" offer create --token-file "$dir/hr-token" \
  --admin-url "$admin" --configuration employee_badge \
  --claim given_name=Erika --claim family_name=Mustermann --claim employee_id=E1 --claim age=42 \
  >"$work/offer.json" || fail "offer create failed after the restart"
grep -q '"offer_id"' "$work/offer.json" || fail "no offer_id"

echo "== 3. vcissuerctl reload"
out=$("$ctl" --config "$dir/vcissuer.toml" reload) || fail "reload failed: $out"
[ "$out" = "reloaded: policy generation 2, 2 of 2 workers ready" ] || fail "reload said: $out"
[ "$(status_line)" = "ok generation=2 workers=2/2" ] || fail "status after reload: $(status_line)"
cp "$dir/policy.d/policy.toml" "$work/policy.good"
echo 'unknown_top_level_key = 1' >>"$dir/policy.d/policy.toml"
set +e
out=$("$ctl" --config "$dir/vcissuer.toml" reload 2>&1)
rc=$?
set -e
[ "$rc" = 7 ] || fail "a broken policy reload exited $rc: $out"
[[ "$out" == *"reload failed"* ]] || fail "no reason given: $out"
[ "$(status_line)" = "ok generation=2 workers=2/2" ] || fail "status after failed reload: $(status_line)"
cp "$work/policy.good" "$dir/policy.d/policy.toml"
curl -fsS "$public/.well-known/openid-credential-issuer" >/dev/null || fail "not serving after"

echo "== 4. a hung worker is replaced"
hung=$(worker_pid 0)
kill -STOP "$hung"
for _ in $(seq 1 80); do
  now=$(worker_pid 0)
  [ -n "$now" ] && [ "$now" != "$hung" ] && break
  sleep 0.1
done
[ -n "$now" ] && [ "$now" != "$hung" ] || fail "the stopped worker 0 was not replaced"
grep -q 'killing a hung worker.*WORKER=0' "$dir/vcissuerd.log" || fail "no hung-worker log line"
wait_ready

echo "== 5. SIGTERM"
kill -TERM "$daemon_pid"
set +e
wait "$daemon_pid"
rc=$?
set -e
daemon_pid=
[ "$rc" = 0 ] || fail "SIGTERM exit status $rc"
[ ! -e "$dir/state/control.sock" ] || fail "the control socket was left behind"

echo "== 6. a refused PIN"
cp "$dir/pin" "$work/pin.good"
echo "0000-wrong-pin" >"$dir/pin"
: >"$dir/vcissuerd.log"
set +e
timeout 60 "$build/bin/vcissuerd" --config "$dir/vcissuer.toml" >>"$dir/vcissuerd.log" 2>&1
rc=$?
set -e
[ "$rc" = 12 ] || fail "wrong PIN exit status $rc"
[ "$(grep -c 'CKR_PIN_INCORRECT' "$dir/vcissuerd.log")" = 1 ] || fail "not exactly one login"
if grep -q 'WORKER=1' "$dir/vcissuerd.log"; then fail "worker 1 started after a refused PIN"; fi
[[ "$("$ctl" --config "$dir/vcissuer.toml" pin-guard status)" == set:* ]] || fail "guard not set"
cp "$work/pin.good" "$dir/pin"
: >"$dir/vcissuerd.log"
set +e
timeout 60 "$build/bin/vcissuerd" --config "$dir/vcissuer.toml" >>"$dir/vcissuerd.log" 2>&1
rc=$?
set -e
[ "$rc" = 12 ] || fail "with the guard set, exit status $rc"
if grep -q 'WORKER=' "$dir/vcissuerd.log"; then fail "a worker started although the guard is set"; fi
grep -q 'pin-guard clear' "$dir/vcissuerd.log" || fail "the refusal does not say how to clear it"
[ "$("$ctl" --config "$dir/vcissuer.toml" pin-guard clear)" = \
  "cleared: vcissuerd will log in at its next start" ] || fail "pin-guard clear"
[ "$("$ctl" --config "$dir/vcissuer.toml" pin-guard status)" = "clear" ] || fail "still set"
start_daemon
wait_ready
kill -TERM "$daemon_pid"
wait "$daemon_pid" || fail "final stop"
daemon_pid=
echo "PASS"
