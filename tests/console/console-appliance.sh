# Functions that start a development appliance with the account console in front of it: vcissuerd
# on a fresh SoftHSM token (scripts/lib/dev-appliance.sh) with policy/console.toml.in, and
# vcissuer-console with rules.toml, configured for an OpenID provider and an SMTP server on
# loopback ports that the caller starts (provider.mjs, helpers.mjs or demo.mjs).
# Sourced by run.sh (the browser test) and console/demo.sh. Needs $src and $VCI_BUILD_DIR.

# console_appliance_start WORK IDLE_TIMEOUT: sets up everything in WORK, starts the daemon and the
# console, and exports VCI_ISSUER, VCI_ADMIN, VCI_ADMIN_TOKEN, VCI_OTHER_TOKEN, VCI_CONSOLE,
# VCI_PROVIDER_PORT, VCI_SMTP_PORT and VCI_CLIENT_SECRET. The console's log is WORK/console.log.
console_appliance_start() {
  local work=$1 idle=$2 appliance="$1/appliance"
  local public_port admin_port provider_port smtp_port console_port console_bin
  public_port=$(vci_free_port)
  admin_port=$(vci_free_port)
  vci_appliance_init "$appliance" "http://127.0.0.1:$public_port" "127.0.0.1:$public_port" \
    "127.0.0.1:$admin_port" "$src/tests/console/policy/console.toml.in"
  vci_appliance_start "$appliance"

  provider_port=$(vci_free_port)
  smtp_port=$(vci_free_port)
  console_port=$(vci_free_port)
  (umask 077 && vci_random_hex 32 >"$work/client-secret")
  cat >"$work/console.toml" <<TOML
[console]
# Browsers accept Secure (and so __Host-) cookies from http://localhost.
public_url = "http://localhost:$console_port"
listen = "127.0.0.1:$console_port"
rules = "$src/tests/console/rules.toml"
session_idle_timeout = "$idle"
session_absolute_timeout = "1h"
offer_lifetime = "5m"

[oidc]
issuer = "http://127.0.0.1:$provider_port"
client_id = "vcissuer-console"
client_secret_file = "$work/client-secret"
scope = "openid profile email groups"

[admin]
url = "http://127.0.0.1:$admin_port"
token_file = "$appliance/hr-token"

[mail]
smtp_url = "smtp://127.0.0.1:$smtp_port"
from = "console@example.org"

[development]
allow_insecure_loopback = true
TOML
  # The rules pass the officer's check, with file, line and column for any problem.
  "$(vci_bin vcissuerctl)" policy check --console-rules "$src/tests/console/rules.toml" >/dev/null
  console_bin=$(vci_bin vcissuer-console)
  "$console_bin" --config "$work/console.toml" --check-config >/dev/null
  "$console_bin" --config "$work/console.toml" >"$work/console.log" 2>&1 &
  echo $! >"$work/console.pid"
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$console_port/static/console.css" && break
    sleep 0.1
  done

  export VCI_ISSUER="http://127.0.0.1:$public_port"
  export VCI_ADMIN="http://127.0.0.1:$admin_port"
  VCI_ADMIN_TOKEN=$(cat "$appliance/hr-token")
  VCI_OTHER_TOKEN=$(cat "$appliance/limited-token")
  export VCI_ADMIN_TOKEN VCI_OTHER_TOKEN
  export VCI_CONSOLE="http://localhost:$console_port"
  export VCI_PROVIDER_PORT=$provider_port VCI_SMTP_PORT=$smtp_port
  VCI_CLIENT_SECRET=$(cat "$work/client-secret")
  export VCI_CLIENT_SECRET
}

# console_appliance_stop WORK: stops the console and the daemon.
console_appliance_stop() {
  local work=$1
  if [ -f "$work/console.pid" ]; then
    kill "$(cat "$work/console.pid")" 2>/dev/null || true
    rm -f "$work/console.pid"
  fi
  vci_appliance_stop "$work/appliance"
}
