#!/usr/bin/env bash
# Checks formatting (clang-format 14, pinned: output drifts between versions) and lint
# (clang-tidy 14 with .clang-tidy) on every C++ file of the project. Fails on any clang-format
# difference and on any clang-tidy warning or error, and prints them.
#   scripts/lint.sh             check everything (clang-tidy skips tests/: see below)
#   scripts/lint.sh --fix       rewrite files with clang-format
#   scripts/lint.sh FILE.cc...  clang-tidy only these translation units (format still checked)
# LINT_JOBS sets clang-tidy's parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

format=clang-format-14
tidy=clang-tidy-14
for tool in "$format" "$tidy" clang++-14; do
  command -v "$tool" >/dev/null || { echo "lint: $tool is required (scripts/setup-deps.sh)" >&2; exit 1; }
done

# Tracked files plus new ones not yet committed, so a local run sees work in progress too.
list_files() {
  git ls-files --cached --others --exclude-standard -- "$@" | while read -r f; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done | sort -u
}

mapfile -t files < <(list_files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
  exit 0
fi

status=0
if ! "$format" --dry-run --Werror "${files[@]}" 2>/dev/null; then
  for f in "${files[@]}"; do
    "$format" --dry-run --Werror "$f" >/dev/null 2>&1 || echo "not formatted: $f (scripts/lint.sh --fix)"
  done
  status=1
fi

# clang-tidy needs a compilation database from a clang build (g++ flags confuse it). Configuring
# is cheap and keeps the database in step with the CMakeLists; nothing is generated at build
# time, so no build is needed.
build="build-tidy"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DVCI_BUILD_TESTS=ON >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; exit 1; }
mv "$build.configure.log" "$build/configure.log"
if ! grep -q '"/usr/bin/clang++-14\|clang++-14 ' "$build/compile_commands.json"; then
  echo "lint: $build was configured with another compiler; remove it and run again" >&2
  exit 1
fi

# Every project .cc outside tests/ (the tests' gtest macros would need their own rule set); a
# source that no target compiles is reported rather than quietly left out.
if [ $# -gt 0 ]; then
  sources=("$@")
else
  mapfile -t sources < <(list_files '*.cc' | grep -v '^tests/')
fi
mapfile -t known < <(grep -o '"file": *"[^"]*"' "$build/compile_commands.json" |
  sed -E 's/.*"file": *"//; s/"$//; s#^'"$PWD"'/##' | sort -u)
mapfile -t missing < <(comm -23 <(printf '%s\n' "${sources[@]}" | sort -u) \
  <(printf '%s\n' "${known[@]}"))
if [ ${#missing[@]} -gt 0 ] && [ -n "${missing[0]}" ]; then
  printf 'lint: not in any CMake target, not checked: %s\n' "${missing[@]}"
  status=1
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export tidy build logs
# shellcheck disable=SC2016 # the inner sh expands $1 and the exported variables
comm -12 <(printf '%s\n' "${sources[@]}" | sort -u) <(printf '%s\n' "${known[@]}") |
  xargs -r -P "${LINT_JOBS:-2}" -I{} sh -c \
    '"$tidy" -p "$build" --quiet "$1" >"$logs/$(echo "$1" | tr / _).log" 2>&1 || true' _ {}

# A header's finding shows once per translation unit that includes it: print each once.
cat "$logs"/*.log 2>/dev/null | awk '
  /: (warning|error): / { keep = !seen[$0]++ }
  /^[0-9]+ (warning|error)s? generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter/ { next }
  keep { print }' | tee "$build/tidy.log"
findings=$(grep -cE ': (warning|error): ' "$build/tidy.log" || true)
if [ "$findings" -gt 0 ]; then
  echo "lint: $findings clang-tidy finding(s)"
  status=1
fi
# A translation unit clang-tidy could not compile is a failure even without a diagnostic line.
if grep -l "Error while processing\|Found compiler error\|PLEASE submit a bug report" "$logs"/*.log >/dev/null 2>&1; then
  echo "lint: clang-tidy could not process some files (see above)"
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "lint: clean (${#files[@]} files formatted, ${#sources[@]} translation units, ${SECONDS}s)"
fi
exit "$status"
