#!/usr/bin/env bash
# Checks formatting (clang-format 14, pinned: output drifts between versions) and lint
# (clang-tidy 14 with .clang-tidy) on every C++ file of the project.
#   scripts/lint.sh           check only
#   scripts/lint.sh --fix     rewrite files with clang-format
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format-14
command -v "$format" >/dev/null || format=clang-format
tidy=clang-tidy-14
command -v "$tidy" >/dev/null || tidy=clang-tidy
if ! "$format" --version | grep -q "version 14\."; then
  echo "lint: clang-format 14 is required (found: $("$format" --version))" >&2
  exit 1
fi

mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
  exit 0
fi

status=0
for f in "${files[@]}"; do
  if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (run scripts/lint.sh --fix)"
    status=1
  fi
done

# clang-tidy needs a compilation database from a clang build (g++ flags confuse it).
build=build-tidy
if [ ! -f "$build/compile_commands.json" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DVCI_BUILD_TESTS=ON >/dev/null
fi
mapfile -t sources < <(git ls-files '*.cc' | grep -v '^tests/')
if ! "$tidy" -p "$build" --quiet "${sources[@]}" 2>/dev/null | tee "$build/tidy.log" | \
    grep -E "(error|warning):" >/dev/null; then
  :
fi
if grep -q "error:" "$build/tidy.log"; then
  grep -E "error:" "$build/tidy.log" | head -50
  status=1
fi
exit "$status"
