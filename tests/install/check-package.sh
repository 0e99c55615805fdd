#!/usr/bin/env bash
# Builds the Debian package of a configured build folder and checks what a
# user who installs it gets: the files in their places, Depends that name
# the libraries and fonts, a stripped binary that runs from the unpacked
# package and finds its own packs, a desktop entry, AppStream metainfo and
# man page that their validators accept, one version everywhere, and no
# lintian errors. Needs dpkg-dev, desktop-file-utils, appstream and man-db
# (scripts/install-deps); lintian when present. CI runs it (.ci/run) after
# the test suite; it is not a ctest because it needs those tools.
#
# Usage: tests/install/check-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: check-package.sh BUILD_DIR}" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
app_id=invalid.quizdeck.Quizdeck # the application id: README, Installing
icon_sizes="16 32 48 64 128 256"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
need() {
  command -v "$1" >/dev/null || fail "needs $1 (package $2; scripts/install-deps installs it)"
}
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need man man-db
need readelf binutils

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "$build is not a configured quizdeck build folder"
deb=$build/quizdeck_${version}_$(dpkg --print-architecture).deb
rm -f "$deb"
echo "== building $deb"
cmake --build "$build" -j2 --target package >"$build/package.log" 2>&1 \
  || { cat "$build/package.log"; fail "cmake --build $build --target package"; }
[ -f "$deb" ] || fail "the package target did not write $deb"

root=$(mktemp -d /tmp/quizdeck-package-XXXXXX)
trap 'rm -rf "$root"' EXIT

echo "== the control fields"
dpkg-deb --field "$deb" Package Version Section Depends
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = quizdeck ] || fail "Package is not quizdeck"
[ "$(field Version)" = "$version" ] || fail "Version is not the project's $version"
depends=$(field Depends)
# The libraries come from dpkg-shlibdeps, the fonts from CMakeLists.txt.
for dep in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libyaml-0-2 libsqlite3-0 libfontconfig1 \
  libfribidi0 fonts-dejavu-core fonts-noto-core; do
  [[ ", $depends," == *", $dep"[\ ,]* ]] || fail "Depends does not name $dep: $depends"
done

echo "== the files"
contents=$(dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./|/|')
expected="/usr/bin/quizdeck
/usr/share/quizdeck/questions/README.md
/usr/share/quizdeck/questions/kuwait-gcc.yaml
/usr/share/applications/$app_id.desktop
/usr/share/metainfo/$app_id.metainfo.xml
/usr/share/icons/hicolor/scalable/apps/$app_id.svg
/usr/share/man/man6/quizdeck.6.gz
/usr/share/doc/quizdeck/copyright
/usr/share/doc/quizdeck/changelog.gz"
for size in $icon_sizes; do
  expected+=$'\n'"/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png"
done
while read -r path; do
  grep -qxF "$path" <<<"$contents" || fail "the package has no $path"
done <<<"$expected"
if grep -v '^/usr/' <<<"$contents" | grep -q .; then
  fail "the package installs outside /usr: $(grep -v '^/usr/' <<<"$contents" | head -3)"
fi
echo "$(wc -l <<<"$expected") expected files present, everything under /usr"

dpkg-deb -x "$deb" "$root"
usr=$root/usr

echo "== the binary"
if readelf -S "$usr/bin/quizdeck" | grep -qE '\.(symtab|debug_info)'; then
  fail "the binary in the package is not stripped"
fi
got=$("$usr/bin/quizdeck" --version)
[ "$got" = "quizdeck $version (pack format 1)" ] || fail "--version printed '$got'"
echo "$got"
"$usr/bin/quizdeck" --check "$usr/share/quizdeck/questions" | tail -1 \
  || fail "the packaged packs do not pass --check"
# Without QUIZDECK_QUESTIONS_DIR the unpacked binary must find the packs
# beside it, as it does in /usr: not the source tree it was built from.
listed=$(env -u QUIZDECK_QUESTIONS_DIR QUIZDECK_DATA_DIR="$root/data" "$usr/bin/quizdeck" --list)
grep -q "file: $usr/bin/../share/quizdeck/questions/kuwait-gcc.yaml" <<<"$listed" \
  || fail "the unpacked binary did not load the packs of its own package"

echo "== the icons"
for size in $icon_sizes; do
  png=$usr/share/icons/hicolor/${size}x$size/apps/$app_id.png
  # A PNG's width and height are the big-endian words at bytes 16 and 20.
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
  [ "$dims" = "${size}x$size" ] || fail "$png is $dims, not ${size}x$size"
done
echo "$icon_sizes px and scalable"

echo "== the desktop entry"
desktop=$usr/share/applications/$app_id.desktop
out=$(desktop-file-validate "$desktop" 2>&1) || true
[ -z "$out" ] || fail "desktop-file-validate: $out"
grep -qxF "Icon=$app_id" "$desktop" || fail "the desktop entry does not name the icon $app_id"
grep -qxF "Exec=quizdeck" "$desktop" || fail "the desktop entry does not start quizdeck"
grep -q '^Name\[ar\]=' "$desktop" && grep -q '^Comment\[ar\]=' "$desktop" \
  || fail "the desktop entry has no Arabic name or comment"
echo "desktop-file-validate: clean"

echo "== the AppStream metainfo"
metainfo=$usr/share/metainfo/$app_id.metainfo.xml
# Offline: the screenshot links name a host the project does not have yet.
appstreamcli validate --no-net --pedantic "$metainfo" || fail "appstreamcli validate"
grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
  || fail "the metainfo does not launch $app_id.desktop"

echo "== the man page"
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$usr/share/man/man6/quizdeck.6.gz" 2>&1 >"$root/man.txt") || true
[ -z "$warnings" ] || fail "man reports: $warnings"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
  grep -qx "$section" "$root/man.txt" || fail "the man page has no $section section"
done
echo "renders without warnings, all sections present"

echo "== one version everywhere"
man_version=$(sed -n 's/^\.TH QUIZDECK 6 [^ ]* "quizdeck \([^"]*\)".*/\1/p' "$source_dir/docs/quizdeck.6")
release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -1 | cut -d'"' -f2)
changelog=$(zcat "$usr/share/doc/quizdeck/changelog.gz" | head -1 | sed 's/^quizdeck (\([^)]*\)).*/\1/')
for pair in "man page:$man_version" "metainfo's newest release:$release" "changelog:$changelog"; do
  [ "${pair#*:}" = "$version" ] || fail "the ${pair%%:*} says ${pair#*:}, the project $version"
done
echo "$version in the package, the man page, the metainfo and the changelog"

if command -v apt-get >/dev/null; then
  echo "== apt can install it here (simulated)"
  apt-get install --simulate --no-install-recommends "$deb" >"$root/apt.txt" 2>&1 \
    || { cat "$root/apt.txt"; fail "apt-get cannot install $deb here"; }
  grep -E '^(Inst|Conf) ' "$root/apt.txt" || true
fi

if command -v lintian >/dev/null; then
  echo "== lintian: every tag, info and pedantic too; fails on errors (README, Installing)"
  status=0
  tags=$(lintian --display-info --pedantic --fail-on error "$deb" 2>&1) || status=$?
  grep -v 'running with root privileges is not recommended' <<<"$tags" || true
  [ "$status" -eq 0 ] || fail "lintian reports errors"
else
  echo "== lintian not installed: skipped"
fi
echo "package checks passed: $deb"
