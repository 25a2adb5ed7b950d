#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs what it needs, builds, makes a SoftHSM token
# with the issuer's keys in .demo/, starts vcissuerd, creates an offer with a tx_code, shows its
# link, QR code and tx_code, redeems it with the bundled example wallet and prints the decoded
# credential. Then it keeps the daemon running for other wallets until interrupted.
#
#   scripts/demo.sh                        everything on 127.0.0.1 (http, development mode)
#   scripts/demo.sh --exit-after-redeem    stop once the example wallet has its credential
#   scripts/demo.sh --public-url https://issuer.example.org --listen 0.0.0.0:8443
#                                          for a phone: the URL wallets reach (through an https
#                                          reverse proxy that forwards to the listen address)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)

exit_after_redeem=0
public_port=8443
admin_port=8444
public_url=""
listen=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exit-after-redeem) exit_after_redeem=1 ;;
    --public-url) public_url=$2; shift ;;
    --listen) listen=$2; shift ;;
    --port) public_port=$2; shift ;;
    --admin-port) admin_port=$2; shift ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    *) echo "demo.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
listen=${listen:-127.0.0.1:$public_port}
public_url=${public_url:-http://127.0.0.1:$public_port}

bash scripts/setup-deps.sh
bash examples/wallet/setup.sh
export VCI_BUILD_DIR="$src/build"
echo "== Building vcissuerd and vcissuerctl into build/bin/"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target vcissuerd vcissuerctl

# shellcheck source=lib/dev-appliance.sh
. scripts/lib/dev-appliance.sh
appliance="$src/.demo"
vci_appliance_stop "$appliance" 2>/dev/null || true
echo "== Making a SoftHSM token and the issuer's keys in .demo/"
vci_appliance_init "$appliance" "$public_url" "$listen" "127.0.0.1:$admin_port" \
  "$src/tests/e2e/policy/e2e.toml.in"
trap 'vci_appliance_stop "$appliance"' EXIT
echo "== Starting vcissuerd (log: .demo/vcissuerd.log)"
vci_appliance_start "$appliance"
echo "== The keys in the token (vcissuerctl keys list)"
"$(vci_bin vcissuerctl)" --config "$appliance/vcissuer.toml" keys list

echo "== Creating an offer for Erika Mustermann, with a tx_code"
offer=$("$(vci_bin vcissuerctl)" --config "$appliance/vcissuer.toml" offer create \
  --token-file "$appliance/hr-token" --configuration employee_badge \
  --claim given_name=Erika --claim family_name=Mustermann --claim employee_id=E123456 \
  --claim department=Engineering --claim age=42 --tx-code --expires-in 15m --qr)
offer_link=$(node -e 'console.log(JSON.parse(process.argv[1]).offer_link)' "$offer")
tx_code=$(node -e 'console.log(JSON.parse(process.argv[1]).tx_code)' "$offer")
echo
echo "Offer link: $offer_link"
echo "tx_code:    $tx_code"
echo

echo "== Redeeming it with the example wallet (examples/wallet)"
node examples/wallet/cli.mjs redeem --offer "$offer_link" --tx-code "$tx_code" --insecure-loopback

if [ "$exit_after_redeem" -eq 1 ]; then
  exit 0
fi
echo
echo "vcissuerd keeps running at $public_url for other wallets. Make more offers with:"
echo "  SOFTHSM2_CONF=$appliance/softhsm/softhsm2.conf $(vci_bin vcissuerctl) --config $appliance/vcissuer.toml \\"
echo "    offer create --token-file $appliance/hr-token --configuration employee_badge \\"
echo "    --claim given_name=Erika --claim family_name=Mustermann --claim employee_id=E123456 --tx-code --qr"
echo "Press Ctrl-C to stop."
while kill -0 "$(cat "$appliance/vcissuerd.pid")" 2>/dev/null; do
  sleep 1
done
