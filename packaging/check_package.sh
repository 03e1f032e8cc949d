#!/usr/bin/env bash
# make check-package: installs BUILD_DIR/ns_*.deb with apt-get (which
# installs the runtime libraries it declares), runs ns-index and ns-search
# from /usr/bin on data/, purges the package and checks that none of its
# files remain. Needs root. Leaves the machine without the package even
# when a check fails.
#
#   packaging/check_package.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
prog=check-package
fail() { echo "$prog: $*" >&2; exit 1; }

deb=$(ls -t "$build"/ns_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "$build: no ns_*.deb; run make package"
# A package ns already there is someone's install: leave it alone.
if dpkg-query -W -f='${Status}' ns 2>/dev/null | grep -q installed; then
  fail "ns: a package ns is installed already; remove it first (apt-get purge ns)"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ns-check-package.XXXXXX")
purge() { DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ns >/dev/null 2>&1 || true; }
trap 'purge; rm -rf "$tmp"' EXIT

echo "$prog: $(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -f "$deb" Depends | grep -q libxapian || fail "$deb: Depends names no libxapian"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" \
  >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "$deb: apt-get install failed"; }
dpkg-query -L ns >"$tmp/files"

# The installed programs, from /usr/bin, on the sample articles.
/usr/bin/ns-index --version
/usr/bin/ns-serve --version || fail "/usr/bin/ns-serve: exit $? for --version"
/usr/bin/ns-index -q --db "$tmp/db" "$root/data" || fail "/usr/bin/ns-index: exit $? on data/"
/usr/bin/ns-search --db "$tmp/db" -f urls -n 1 "SenseTime IPO" >"$tmp/hits" ||
  fail "/usr/bin/ns-search: exit $? for \"SenseTime IPO\""
grep -q sensetime "$tmp/hits" || fail "/usr/bin/ns-search: no SenseTime hit: $(cat "$tmp/hits")"
/usr/bin/ns-search --db "$tmp/db" --list-values topic | grep -qx ai ||
  fail "/usr/bin/ns-search: --list-values topic lists no \"ai\""
for page in ns-index ns-search ns-serve; do
  warnings=$(MANWIDTH=80 man --warnings -l "/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man $page: $warnings"
done
for file in /usr/share/man/man1/ns-index.1.gz /usr/share/man/man1/ns-search.1.gz \
  /usr/share/man/man1/ns-serve.1.gz /usr/bin/ns-serve /usr/share/bash-completion/completions/ns-serve \
  /usr/share/bash-completion/completions/ns-search \
  /usr/share/zsh/vendor-completions/_ns-search /usr/share/fish/vendor_completions.d/ns-search.fish \
  /usr/share/doc/ns/copyright /usr/share/doc/ns/README.md /usr/share/doc/ns/docs/guide.md; do
  grep -qx "$file" "$tmp/files" || fail "$file: not in the package"
done
echo "$prog: $(grep -c . "$tmp/files") paths installed; ns-index and ns-search ran from /usr/bin"

# Purged, nothing of it is left: every file gone, and every folder it
# listed gone, or holding other files, or another package's (fish ships
# an empty vendor_completions.d).
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ns >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log" >&2; fail "apt-get purge ns failed"; }
! dpkg-query -W ns >/dev/null 2>&1 || fail "ns: still known to dpkg after purge"
left=0
while IFS= read -r path; do
  if [ -L "$path" ] || [ -f "$path" ] ||
    { [ -d "$path" ] && [ -z "$(ls -A "$path")" ] && ! dpkg-query -S "$path" >/dev/null 2>&1; }; then
    echo "$prog: $path: left after purge" >&2
    left=1
  fi
done <"$tmp/files"
[ "$left" = 0 ] || fail "files of the package remain after purge"
echo "$prog: purged; none of its files remain"
