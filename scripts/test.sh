#!/usr/bin/env bash
# Sets up and runs every test: installs the dependencies (apt, npm), builds, runs CTest.
#   scripts/test.sh                  the normal build, in build/
#   scripts/test.sh --sanitize       an ASan + UBSan build of the same suite, in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
case "${1:-}" in
  "") ;;
  --sanitize)
    build_dir=build-asan
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DVCI_SANITIZE=address,undefined)
    ;;
  -h|--help) sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
  *) echo "test.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
esac

bash scripts/setup-deps.sh
if [ -f examples/wallet/package.json ]; then
  bash examples/wallet/setup.sh
fi

cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}"
cmake --build "$build_dir"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600
