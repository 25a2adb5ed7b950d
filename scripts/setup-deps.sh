#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages. Idempotent; needs root.
# The npm packages of the end-to-end wallet are installed by tests/e2e/wallet/setup.sh.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libssl-dev openssl
  libmicrohttpd-dev nlohmann-json3-dev libsystemd-dev
  libp11-kit-dev libqrencode-dev libsqlite3-dev sqlite3
  libcli11-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev
  softhsm2
  # pkcs11-tool makes the foreign, weaker keys the key custody tests must see refused.
  opensc
  clang-14 libclang-rt-14-dev clang-16 libclang-rt-16-dev clang-format clang-tidy
  curl ca-certificates libcurl4-openssl-dev
  # The console's browser test (tests/console) drives Debian's chromium with playwright-core.
  chromium
  # The HSM fault and TLS tests (jq reads JSON answers; GnuTLS reads TLS client certificates).
  jq libgnutls28-dev
  # The offline SELinux analysis (tests/selinux): refpolicy devel Makefile, link/expand,
  # sesearch/sedta, semodule for the offline store, matchpathcon.
  selinux-policy-dev checkpolicy semodule-utils setools policycoreutils selinux-utils bzip2
  # The packages and their checks (tests/packaging): dpkg-buildpackage with debhelper, lintian,
  # hardening-check (devscripts), rpmbuild and rpmlint, and the install test's Debian 12 tree.
  debhelper devscripts lintian fakeroot rpm rpmlint debootstrap systemd-container
  # The supervisor and nspawn tests (tests/daemon/server, tests/nspawn) pick free ports and talk
  # to the control socket with python3; systemd-analyze scores the units (tests/systemd).
  python3 systemd
)
# Node.js (with its npm) runs the end-to-end wallet. Debian's own nodejs and npm are two
# packages; some images ship a vendor build that bundles npm, so only add what is absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
