#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 16 (ASan + UBSan) in build-fuzz/ and runs each one.
#   scripts/fuzz.sh              each target for 20 seconds (what CI runs)
#   scripts/fuzz.sh 3600         each target for an hour
#   scripts/fuzz.sh 600 jws_fuzz one target
# New inputs that raise coverage are kept in build-fuzz/corpus/<target>/; copy the interesting
# ones into tests/fuzz/corpus/<target>/. A crash leaves its input in build-fuzz/ and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
only=${2:-}

if ! command -v clang++-16 >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    clang-16 libclang-rt-16-dev >/dev/null
fi
CC=clang-16 CXX=clang++-16 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DVCI_FUZZ=ON -DVCI_BUILD_TESTS=OFF -DVCI_SANITIZE=address,undefined >/dev/null
mapfile -t targets < <(sed -n 's/^vci_fuzz_target(\([a-z0-9_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
if [ -n "$only" ]; then
  targets=("$only")
fi
cmake --build build-fuzz --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  seeds=()
  [ -d "tests/fuzz/corpus/$t" ] && seeds=("tests/fuzz/corpus/$t")
  echo "== $t for ${seconds}s"
  (cd build-fuzz && "./fuzz/$t" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
     -rss_limit_mb=2048 -print_final_stats=0 "corpus/$t" "${seeds[@]/#/../}" 2>&1 | tail -n 3)
done
echo "fuzz: all targets ran without a crash"
