#!/usr/bin/env bash
# Builds the Debian packages of vcissuer from a clean copy of the source and writes the .deb,
# .buildinfo and .changes files into OUTDIR.
#
#   scripts/build-deb.sh OUTDIR           the working tree: HEAD plus uncommitted changes and
#                                         new files that git does not ignore
#   scripts/build-deb.sh --head OUTDIR    exactly the committed tree of HEAD
#
# dpkg-buildpackage wants debian/ at the top of the source: the copy gets packaging/debian there.
# SOURCE_DATE_EPOCH is the date of HEAD's commit, so two builds of one tree give the same bytes.
# The build runs in one fixed directory (VCI_DEB_WORKDIR, default /var/tmp/vcissuer-deb), locked
# against a concurrent build, so the shared ccache serves a rebuild.
set -euo pipefail

head_only=0
if [ "${1:-}" = "--head" ]; then
  head_only=1
  shift
fi
if [ $# -ne 1 ]; then
  sed -n '2,/^set /p' "$0" | sed -n 's/^# \{0,1\}//p' >&2
  exit 2
fi
mkdir -p "$1"
outdir=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
workdir=${VCI_DEB_WORKDIR:-/var/tmp/vcissuer-deb}
version=$(dpkg-parsechangelog -l "$src/packaging/debian/changelog" -S Version)

mkdir -p "$workdir"
exec 9>"$workdir.lock"
flock 9
rm -rf "${workdir:?}"/*
tree="$workdir/vcissuer-$version"
mkdir -p "$tree"

# export_tree copies the source into $tree: git's files only, never a build directory.
export_tree() {
  if [ "$head_only" -eq 1 ]; then
    git -C "$src" archive --format=tar HEAD | tar -x -C "$tree"
  else
    # shellcheck disable=SC2016 # for the inner shell, not this one
    git -C "$src" ls-files -z --cached --others --exclude-standard |
      (cd "$src" && xargs -0 -I{} sh -c '[ -e "$1" ] && printf "%s\0" "$1"' _ {}) |
      tar -C "$src" --null -T - -cf - | tar -x -C "$tree"
  fi
  cp -r "$src/packaging/debian" "$tree/debian"
}
export_tree

SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct)
export SOURCE_DATE_EPOCH
export VCI_DEB_CCACHE=1 CCACHE_BASEDIR="$workdir"
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=2}"
(cd "$tree" && nice dpkg-buildpackage -us -uc -b)

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
for f in "$workdir"/*_"$version"_*.deb "$workdir"/vcissuer_"${version}"_"$arch".buildinfo \
         "$workdir"/vcissuer_"${version}"_"$arch".changes; do
  cp "$f" "$outdir/"
done
rm -rf "${workdir:?}"/*
echo "build-deb: packages in $outdir"
