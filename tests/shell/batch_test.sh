#!/usr/bin/env bash
# Batch-mode shell tests: cases/NAME.script is piped into `parley DB` (the
# sample database, with prefix ex:); stdout must equal cases/NAME.expected
# byte for byte. A first line "# args: ..." adds options; "# exit: N" sets
# the expected exit code (default 0).
# Usage: batch_test.sh PARLEY SOURCE_DIR NAME
set -euo pipefail
parley=$1
src=$2
name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
script="$src/tests/shell/cases/$name.script"
cp "$src"/tests/shell/cases/*.rq .
"$parley" load db "$src/schema/sample/trade-talks-2019-02-15.trig" >/dev/null
"$parley" db -c '.prefix ex http://example.org/neg#'
args=$(sed -n 's/^# args: //p' "$script")
want_exit=$(sed -n 's/^# exit: //p' "$script")
rc=0
# shellcheck disable=SC2086
"$parley" db $args <"$script" >out.txt 2>err.txt || rc=$?
if [ "$rc" -ne "${want_exit:-0}" ]; then
  echo "FAIL: exit $rc, expected ${want_exit:-0}; stderr:" >&2
  cat err.txt >&2
  exit 1
fi
if ! diff -u "$src/tests/shell/cases/$name.expected" out.txt; then
  echo "FAIL: stdout differs from $name.expected (stderr below)" >&2
  cat err.txt >&2
  exit 1
fi
