#!/usr/bin/env bash
# The slow checks to run before an issue is called resolved: the normal suite, the sanitizer
# suite, builds and the suite with clang 14 and clang 16, the lint, a longer fuzz run, the
# Debian packages (two builds compared, lintian, hardening-check, an install into a booted
# Debian 12 container), the RPM, and a short benchmark.
#   scripts/full-check.sh [FUZZ_SECONDS_PER_TARGET]     default 120
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${1:-120}

bash scripts/test.sh
bash scripts/test.sh --sanitize

if ! command -v clang++-16 >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    clang-16 libclang-rt-16-dev
fi
for cc in 14 16; do
  CC=clang-$cc CXX=clang++-$cc cmake -S . -B "build-clang$cc" -G Ninja \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build "build-clang$cc"
done
ctest --test-dir build-clang16 --output-on-failure -j2 --timeout 600

bash scripts/lint.sh
bash scripts/fuzz.sh "$fuzz_seconds"

debs=$(mktemp -d)
bash tests/packaging/check-deb.sh "$debs"
bash tests/packaging/install-test.sh "$debs/first"
bash scripts/build-rpm.sh "$(mktemp -d)"
bash bench/run.sh --quick
echo "full-check: all passed"
