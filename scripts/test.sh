#!/usr/bin/env bash
# Sets up and runs every test: installs the dependencies (apt, npm), builds, runs CTest.
#   scripts/test.sh                  the normal build, in build/
#   scripts/test.sh --sanitize       an ASan + UBSan build of the same suite, in build-asan/;
#                                    the checks of the SELinux policy, the systemd container test
#                                    and the packages run only in the normal build (they test
#                                    policy, units and packaging, not the code's memory safety)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
ctest_args=()
case "${1:-}" in
  "") ;;
  --sanitize)
    build_dir=build-asan
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DVCI_SANITIZE=address,undefined)
    ctest_args=(-LE 'selinux|nspawn|packaging')
    ;;
  -h|--help) sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
  *) echo "test.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
esac

bash scripts/setup-deps.sh
bash examples/wallet/setup.sh
bash tests/console/setup.sh

cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}"
cmake --build "$build_dir"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 900 "${ctest_args[@]}"
