#!/usr/bin/env bash
# Batch-mode shell tests: cases/NAME.script is piped into `parley db` (the
# database "db" holds tests/shell/trade-talks.trig and declares prefix ex:),
# run in a fresh directory holding cases/*.rq. Its stdout must equal
# cases/NAME.expected byte for byte and, when cases/NAME.stderr exists, its
# stderr that file. Lines at the top of the script set the run up:
#   # args: ...     options for `parley db` (after it)
#   # exit: N       the expected exit code (default 0)
#   # setup: CMD    a bash command run in the directory first (repeatable)
#   # filter: SED   a sed expression applied to stdout and stderr before the
#                   comparison, for what changes from run to run: times,
#                   sizes (repeatable)
#   # show: FILE    after the run, "--- FILE" and FILE's content are added
#                   to stdout (repeatable; "(a directory)" or "(missing)"
#                   for a FILE that is not a regular file)
# With PARLEY_SHELL_RECORD=1 in the environment the outputs are written to
# NAME.expected (and NAME.stderr, when it exists) instead: review the diff.
# Usage: batch_test.sh PARLEY SOURCE_DIR NAME
set -euo pipefail
parley=$1
src=$2
name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cases="$src/tests/shell/cases"
script="$cases/$name.script"
cp "$cases"/*.rq .
"$parley" load db "$src/tests/shell/trade-talks.trig" >/dev/null
"$parley" db -c '.prefix ex http://example.org/neg#'
directive() { sed -n "s/^# $1: //p" "$script"; }
while IFS= read -r command; do
  bash -c "$command" || { echo "FAIL: setup '$command' failed" >&2; exit 1; }
done < <(directive setup)
args=$(directive args)
want_exit=$(directive exit)
rc=0
# shellcheck disable=SC2086
"$parley" db $args <"$script" >out.txt 2>err.txt || rc=$?
while IFS= read -r file; do
  printf -- '--- %s\n' "$file" >>out.txt
  if [ -f "$file" ]; then
    cat "$file" >>out.txt
  elif [ -d "$file" ]; then
    echo "(a directory)" >>out.txt
  else
    echo "(missing)" >>out.txt
  fi
done < <(directive show)
filters=()
while IFS= read -r expression; do filters+=(-e "$expression"); done < <(directive filter)
if [ ${#filters[@]} -gt 0 ]; then
  sed "${filters[@]}" out.txt >out.filtered && mv out.filtered out.txt
  sed "${filters[@]}" err.txt >err.filtered && mv err.filtered err.txt
fi
if [ -n "${PARLEY_SHELL_RECORD:-}" ]; then
  cp out.txt "$cases/$name.expected"
  if [ -f "$cases/$name.stderr" ]; then cp err.txt "$cases/$name.stderr"; fi
fi
if [ "$rc" -ne "${want_exit:-0}" ]; then
  echo "FAIL: exit $rc, expected ${want_exit:-0}; stderr:" >&2
  cat err.txt >&2
  exit 1
fi
if ! diff -u "$cases/$name.expected" out.txt; then
  echo "FAIL: stdout differs from $name.expected (stderr below)" >&2
  cat err.txt >&2
  exit 1
fi
if [ -f "$cases/$name.stderr" ] && ! diff -u "$cases/$name.stderr" err.txt; then
  echo "FAIL: stderr differs from $name.stderr" >&2
  exit 1
fi
echo "PASS $name"
