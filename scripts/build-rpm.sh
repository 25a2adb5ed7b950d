#!/usr/bin/env bash
# Builds the RPM packages of vcissuer (packaging/rpm/vcissuer.spec) from the working tree (HEAD
# plus uncommitted changes and new files git does not ignore) and writes them into OUTDIR.
#
#   scripts/build-rpm.sh OUTDIR
#
# On Debian, rpmbuild has an empty package database, so it runs with --nodeps: the build
# dependencies are Debian's (scripts/setup-deps.sh), not the spec's RHEL names.
set -euo pipefail

if [ $# -ne 1 ]; then
  sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p' >&2
  exit 2
fi
mkdir -p "$1"
outdir=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
spec="$src/packaging/rpm/vcissuer.spec"
version=$(sed -n 's/^Version: *//p' "$spec")

top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/SOURCES" "$top/stage/vcissuer-$version"
# shellcheck disable=SC2016 # for the inner shell, not this one
git -C "$src" ls-files -z --cached --others --exclude-standard |
  (cd "$src" && xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1"' _ {}) |
  tar -C "$src" --null -T - -cf - | tar -x -C "$top/stage/vcissuer-$version"

SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct)
export SOURCE_DATE_EPOCH
tar -C "$top/stage" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
  --numeric-owner -czf "$top/SOURCES/vcissuer-$version.tar.gz" "vcissuer-$version"

nice rpmbuild --nodeps --define "_topdir $top" \
  --define "_smp_mflags -j2" \
  --define "rpm_cmake_extra -DCMAKE_CXX_COMPILER_LAUNCHER=ccache" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  -ba "$spec"
find "$top/RPMS" "$top/SRPMS" -name '*.rpm' -exec cp {} "$outdir/" \;
echo "build-rpm: packages in $outdir"
