# Functions that set up a development appliance in one directory: a SoftHSM token with the
# issuer's keys, a configuration, a policy with admin clients, and a running vcissuerd.
# Sourced by scripts/demo.sh and tests/e2e/run.sh. Nothing here is for production: the PINs are
# random files in the directory and the issuer speaks plain http on loopback.
#
# Layout of DIR:
#   softhsm/softhsm2.conf, softhsm/tokens/   the token (SOFTHSM2_CONF points here)
#   pin, so-pin                              the token's PINs (mode 0600)
#   vcissuer.toml                            the daemon's and vcissuerctl's configuration
#   policy.d/                                the policy
#   hr-token, limited-token                  bearer tokens of the admin clients
#   state/                                   the SQLite state
#   vcissuerd.log, vcissuerd.pid             the running daemon

vci_bin() {
  echo "${VCI_BUILD_DIR:?VCI_BUILD_DIR is not set}/bin/$1"
}

vci_random_hex() {
  openssl rand -hex "$1"
}

# vci_appliance_init DIR PUBLIC_URL PUBLIC_LISTEN ADMIN_LISTEN POLICY_TEMPLATE
vci_appliance_init() {
  local dir=$1 public_url=$2 public_listen=$3 admin_listen=$4 template=$5
  local ctl
  ctl=$(vci_bin vcissuerctl)
  rm -rf "$dir"
  mkdir -p "$dir/policy.d" "$dir/state"
  chmod 700 "$dir"
  dir=$(cd "$dir" && pwd)

  (umask 077 && vci_random_hex 16 >"$dir/pin" && vci_random_hex 16 >"$dir/so-pin")
  # token init's hints are for people setting up by hand; this function writes the config itself,
  # so they are shown only when it fails.
  if ! "$ctl" token init --dir "$dir/softhsm" --label vcissuer \
      --so-pin-file "$dir/so-pin" --pin-file "$dir/pin" >/dev/null 2>"$dir/token-init.log"; then
    cat "$dir/token-init.log" >&2
    return 1
  fi
  export SOFTHSM2_CONF="$dir/softhsm/softhsm2.conf"

  cat >"$dir/vcissuer.toml" <<TOML
# Development appliance made by scripts/lib/dev-appliance.sh.
[issuer]
identifier = "$public_url"

[listen]
public = "$public_listen"
admin = "$admin_listen"
threads = 4

[pkcs11]
module = "/usr/lib/softhsm/libsofthsm2.so"
token = "pkcs11:token=vcissuer"
pin_file = "$dir/pin"

[keys]
hmac = "pkcs11:token=vcissuer;object=code-hmac;type=secret-key"

[state]
directory = "$dir/state"

[policy]
directory = "$dir/policy.d"

[logging]
level = "info"

# One worker process: suites that reload with SIGHUP (which returns at once) poll a single
# worker to see the reload through. \`vcissuerctl reload\` waits for every worker instead.
[server]
workers = 1

# Test suites redeem hundreds of offers a minute from 127.0.0.1: far above the per-address
# defaults, which tests/hostile/limits checks on an appliance of their own.
[limits]
token_per_minute = 100000
nonce_per_minute = 100000
credential_per_minute = 100000

[development]
allow_insecure_loopback = true
TOML

  "$ctl" --config "$dir/vcissuer.toml" keys generate --type ec-p256 --label issuer-signer >/dev/null
  "$ctl" --config "$dir/vcissuer.toml" keys generate --type hmac-sha256 --label code-hmac >/dev/null

  (umask 077 && vci_random_hex 32 >"$dir/hr-token" && vci_random_hex 32 >"$dir/limited-token")
  local hr_sha limited_sha
  hr_sha=$(tr -d '\n' <"$dir/hr-token" | sha256sum | cut -d' ' -f1)
  limited_sha=$(tr -d '\n' <"$dir/limited-token" | sha256sum | cut -d' ' -f1)
  sed -e "s|@SIGNING_KEY@|pkcs11:token=vcissuer;object=issuer-signer;type=private|" \
      -e "s|@HR_TOKEN_SHA256@|$hr_sha|" \
      -e "s|@LIMITED_TOKEN_SHA256@|$limited_sha|" \
      "$template" >"$dir/policy.d/policy.toml"
}

# vci_appliance_start DIR: starts vcissuerd in the background and waits until it answers.
vci_appliance_start() {
  local dir=$1
  export SOFTHSM2_CONF="$dir/softhsm/softhsm2.conf"
  "$(vci_bin vcissuerd)" --config "$dir/vcissuer.toml" >"$dir/vcissuerd.log" 2>&1 &
  echo $! >"$dir/vcissuerd.pid"
  local admin
  admin=$(sed -n 's/^admin = "\(.*\)"$/\1/p' "$dir/vcissuer.toml")
  for _ in $(seq 1 100); do
    if curl -fsS "http://$admin/healthz" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$(cat "$dir/vcissuerd.pid")" 2>/dev/null; then
      echo "vcissuerd exited during startup:" >&2
      cat "$dir/vcissuerd.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "vcissuerd did not become ready; its log:" >&2
  cat "$dir/vcissuerd.log" >&2
  return 1
}

# vci_appliance_stop DIR: stops the daemon started by vci_appliance_start.
vci_appliance_stop() {
  local dir=$1 pid
  [ -f "$dir/vcissuerd.pid" ] || return 0
  pid=$(cat "$dir/vcissuerd.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/vcissuerd.pid"
}

# vci_free_port: a TCP port on 127.0.0.1 that nothing listens on now.
vci_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# vci_loopback_appliance_init DIR TEMPLATE: vci_appliance_init on two free loopback ports, the
# public URL being http://127.0.0.1:PORT; exports VCI_ISSUER and VCI_ADMIN for the test suites.
vci_loopback_appliance_init() {
  local dir=$1 template=$2 public_port admin_port
  public_port=$(vci_free_port)
  admin_port=$(vci_free_port)
  vci_appliance_init "$dir" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
    "127.0.0.1:$admin_port" "$template"
  export VCI_ISSUER="http://127.0.0.1:$public_port" VCI_ADMIN="http://127.0.0.1:$admin_port"
}
