#!/usr/bin/env bash
# Runs one CLI golden case: tests/cli/cases/NAME/cmd is a bash snippet; its
# stdout, stderr and exit status must equal the files stdout, stderr and
# status beside it. Paths are written as <root> (the source tree) and <tmp>
# (a fresh folder for this case), story ids as <story-N>, so goldens hold
# on any machine.
#
#   run_case.sh CASE_DIR    (env: NS_BIN_DIR, NS_ROOT, NS_FIXTURE_DB)
#   UPDATE_GOLDEN=1 ...     rewrites the golden files from this run
set -u
case_dir=$1
name=$(basename "$case_dir")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ns-cli-$name.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

export NS_INDEX="$NS_BIN_DIR/indexer/ns-index"
export NS_SEARCH="$NS_BIN_DIR/searcher/ns-search"
export DB="$NS_FIXTURE_DB"
export DATA="$NS_ROOT/data"
export TMP
# A case sees no database but the one it names.
export HOME="$TMP/home"
unset NS_DB XDG_DATA_HOME NO_COLOR
export LC_ALL=C.UTF-8

(cd "$TMP" && bash -e "$case_dir/cmd") >"$TMP/.stdout" 2>"$TMP/.stderr"
echo $? >"$TMP/.status"

# Story ids hash a file's absolute path: each becomes <story-N>, numbered
# in order of appearance, so goldens still show which hits share a story.
# When an article entered the database is the time the fixture was built:
# JSON's first_seen becomes <first-seen>.
normalise() {
  sed -e "s|$TMP|<tmp>|g" -e "s|$NS_ROOT|<root>|g" \
    -e 's/\("first_seen": *"\)[0-9]\{4\}-[0-9T:-]*Z"/\1<first-seen>"/g' "$1" |
    perl -pe 's/\b([0-9a-f]{16})\b/"<story-" . ($n{$1} \/\/= ++$c) . ">"/ge'
}

failed=0
for part in stdout stderr status; do
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    normalise "$TMP/.$part" >"$case_dir/$part"
  elif ! normalise "$TMP/.$part" | diff -u --label "expected $part" --label "actual $part" "$case_dir/$part" -; then
    failed=1
  fi
done
exit $failed
