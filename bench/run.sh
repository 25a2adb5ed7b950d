#!/usr/bin/env bash
# The throughput benchmark (issue #11): a development appliance on a fresh SoftHSM token, the
# token's own ES256/HMAC floor with as many processes as the daemon has workers, the time from
# start to READY, then C = 1, 8 and 32 concurrent wallets for a set time each. Prints a markdown
# table (and writes it to --out FILE).
#
# Usage: bench/run.sh [--quick] [--seconds S] [--workers N] [--concurrency "1 8 32"]
#                     [--out FILE] BUILD_DIR
#   --quick   a few seconds in all, to keep the bench working in CI (nothing is asserted about
#             speed; a failed issuance or a run without issuances fails the script).
#   --profile DIR  records the daemon's processes with perf during the C=8 row and writes
#             DIR/perf.data and DIR/perf-report.txt (flat profile by symbol).
# The numbers are only comparable within one run on a quiet machine: see docs/performance.md.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

seconds=10
floor_seconds=3
workers=$(nproc)
concurrency="1 8 32"
out=""
profile=""
while [ "$#" -gt 0 ]; do
  case $1 in
    --quick) seconds=1; floor_seconds=0.5; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --profile) profile=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
VCI_BUILD_DIR=$(cd "${1:?usage: bench/run.sh [--quick] [options] BUILD_DIR}" && pwd)
export VCI_BUILD_DIR
# shellcheck source=../scripts/lib/dev-appliance.sh
. "$src/scripts/lib/dev-appliance.sh"
bench=$(vci_bin vci-bench)
floor=$(vci_bin vci-hsm-floor)
for program in "$bench" "$floor" "$(vci_bin vcissuerd)" "$(vci_bin vcissuerctl)"; do
  [ -x "$program" ] || { echo "$program is missing: build it first" >&2; exit 1; }
done

work=$(mktemp -d)
appliance="$work/appliance"
daemon_pid=""
cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

public_port=$(vci_free_port)
admin_port=$(vci_free_port)
vci_appliance_init "$appliance" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
  "127.0.0.1:$admin_port" "$src/bench/policy.toml.in"
config="$appliance/vcissuer.toml"
# The wallets all come from 127.0.0.1: no per-address rate or connection limits. The log level
# stays "info" (one line per request), as in production.
sed -i -e 's/^\(token\|nonce\|credential\)_per_minute = .*/\1_per_minute = 0/' \
  -e 's/^\[limits\]$/[limits]\nconnections = 1024\nconnections_per_address = 1024/' "$config"
# As many workers as asked for (default: one per CPU, as in production).
if ! grep -q '^\[server\]' "$config"; then
  printf '\n[server]\n' >>"$config"
fi
sed -i -e '/^workers = /d' -e "s/^\[server\]$/[server]\nworkers = $workers/" "$config"

# READY: from exec until READY=1 on the notify socket, and until /healthz answers.
start_json=$("$bench" start --notify-socket "$work/notify.sock" \
  --health-url "http://127.0.0.1:$admin_port/healthz" --log "$appliance/vcissuerd.log" \
  -- "$(vci_bin vcissuerd)" --config "$config") || {
  cat "$appliance/vcissuerd.log" >&2
  exit 1
}
daemon_pid=$(jq -r .pid <<<"$start_json")

floor_json=$("$floor" --pin-file "$appliance/pin" --processes "$workers" \
  --seconds "$floor_seconds" \
  --signing-key "pkcs11:token=vcissuer;object=issuer-signer;type=private" \
  --hmac-key "pkcs11:token=vcissuer;object=code-hmac;type=secret-key")

status=0
results=()
for c in $concurrency; do
  file="$work/c$c.json"
  mark="$work/mark-$c"
  "$bench" run --issuer "http://127.0.0.1:$public_port" --admin "http://127.0.0.1:$admin_port" \
    --admin-token-file "$appliance/hr-token" --daemon-pid "$daemon_pid" \
    --concurrency "$c" --duration "$seconds" --mark-file "$mark" >"$file" &
  driver_pid=$!
  if [ -n "$profile" ] && [ "$c" = 8 ]; then
    # Only the timed phase: wait until the driver has made its offers.
    while [ ! -e "$mark" ] && kill -0 "$driver_pid" 2>/dev/null; do sleep 0.05; done
    pids=$(pgrep -d, -P "$daemon_pid" || true)
    perf record -q -F 499 --call-graph dwarf,16384 -p "$daemon_pid${pids:+,$pids}" \
      -o "$profile/perf.data" -- sleep "$(jq -n "$seconds * 0.8")" 2>"$profile/perf-record.log"
  fi
  if ! wait "$driver_pid"; then
    echo "C=$c: the driver failed" >&2
    status=1
    continue
  fi
  if [ -n "$profile" ] && [ "$c" = 8 ]; then
    # Self time by library and symbol, then time including callees (where the time goes).
    perf report -i "$profile/perf.data" --stdio --no-children --sort dso,symbol \
      --percent-limit 0.5 -g none 2>/dev/null | sed 's/  */ /g' >"$profile/perf-report.txt" || true
    perf report -i "$profile/perf.data" --stdio --children --sort symbol \
      --percent-limit 1 -g none 2>/dev/null | sed 's/  */ /g' >"$profile/perf-children.txt" || true
  fi
  if [ "$(jq '.errors > 0 or .issuances == 0' "$file")" = true ]; then
    echo "C=$c: $(jq -r '"\(.errors) failed issuances, first: \(.first_error // "none")"' "$file")" >&2
    status=1
  fi
  results+=("$file")
done
if ! kill -0 "$daemon_pid" 2>/dev/null; then
  echo "vcissuerd died during the benchmark; its log:" >&2
  tail -n 50 "$appliance/vcissuerd.log" >&2
  status=1
fi

table() {
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average before:" \
    "$(cut -d' ' -f1-3 /proc/loadavg), $workers workers, $seconds s per row."
  echo
  jq -r '"HSM floor (\(.processes) processes): ES256 \(.es256_per_second | floor)/s, HMAC " +
    "\(.hmac_per_second | floor)/s, so at most \(.issuance_floor_per_second | floor) issuances/s " +
    "(1 signature + 2 HMACs each)."' <<<"$floor_json"
  jq -r '"Start to READY=1: \(.ready_ms // "no READY" | if type == "number" then
    (. * 10 | round / 10 | tostring) + " ms" else . end); to /healthz 200: " +
    "\(.healthz_ms * 10 | round / 10) ms."' <<<"$start_json"
  echo
  echo "| C | issuances/s | per server CPU-s | of HSM floor | flow p50 / p90 / p99 ms |" \
    "token p99 | nonce p99 | credential p99 | CPU-s per worker | worker RSS MiB (peak) | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for file in "${results[@]}"; do
    jq -r --argjson floor "$floor_json" '
      def r(n): . * n | round / n;
      .latency_ms as $l |
      "| \(.concurrency) | \(.issuances_per_second | r(1)) | \(.issuances_per_cpu_second | r(1))" +
      " | \(.issuances_per_second / $floor.issuance_floor_per_second * 100 | r(10)) %" +
      " | \($l.flow.p50 | r(100)) / \($l.flow.p90 | r(100)) / \($l.flow.p99 | r(100))" +
      " | \($l.token.p99 | r(100)) | \($l.nonce.p99 | r(100)) | \($l.credential.p99 | r(100))" +
      " | \([.workers[] | select(.role == "worker") | .cpu_seconds | r(10)] | join(", "))" +
      " | \([.workers[] | select(.role == "worker") |
              "\(.rss_mib | r(10)) (\(.peak_rss_mib | r(10)))"] | join(", "))" +
      " | \(.errors)\(if .pool_exhausted then " (offer pool ran out)" else "" end) |"' "$file"
  done
}
table | tee "${out:-/dev/null}"
exit "$status"
