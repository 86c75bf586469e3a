#!/usr/bin/env bash
# Whole-program tests of the `parley` command. Usage: cli_test.sh PARLEY SOURCE_DIR CASE
set -euo pipefail
parley=$1
src=$2
case_name=$3
sample="$src/schema/sample/trade-talks-2019-02-15.trig"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
sorted_nquads() { "$parley" export "$1" --format nquads | LC_ALL=C sort; }

case "$case_name" in
  sample_roundtrip)
    # Load the sample, export it in every format, reload each export into a
    # fresh database: the same quads every time.
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >expected.nq
    [ "$(wc -l <expected.nq)" -eq "$(serdi -i trig -o nquads "$sample" | wc -l)" ] ||
      fail "the sample did not load completely"
    for fmt in nq trig nq.gz trig.zst; do
      "$parley" export db -o "out.$fmt"
      "$parley" load "db_$fmt" "out.$fmt" >/dev/null
      sorted_nquads "db_$fmt" >"got_$fmt.nq"
      cmp expected.nq "got_$fmt.nq" || fail "round trip through $fmt changed the data"
    done
    for fmt in nt ttl; do
      "$parley" export db --graph http://example.org/data/news/wsj -o "wsj.$fmt"
      "$parley" load "db_wsj_$fmt" "wsj.$fmt" --graph http://example.org/data/news/wsj >/dev/null
      sorted_nquads "db_wsj_$fmt" >"got_wsj_$fmt.nq"
      grep -F '<http://example.org/data/news/wsj> .' expected.nq >expected_wsj.nq
      cmp expected_wsj.nq "got_wsj_$fmt.nq" || fail "graph round trip through $fmt"
    done
    ;;
  load_twice_and_union)
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >once.nq
    out=$("$parley" load db "$sample")
    grep -q "(0 new quads)" <<<"$out" || fail "second load added quads: $out"
    sorted_nquads db >twice.nq
    cmp once.nq twice.nq || fail "loading twice changed the database"
    printf '<http://ex.org/a> <http://ex.org/p> "extra" .\n' >extra.nt
    "$parley" load db extra.nt >/dev/null
    sorted_nquads db >union.nq
    [ "$(wc -l <union.nq)" -eq $(($(wc -l <once.nq) + 1)) ] || fail "union is not the union"
    ;;
  syntax_error_leaves_db_unchanged)
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >before.nq
    printf '<http://ex.org/a> <http://ex.org/p> "ok" .\n<http://ex.org/b> <http://ex.org/p> oops .\n' >bad.nt
    if "$parley" load db bad.nt 2>err.txt; then fail "a bad file loaded"; fi
    grep -q "bad.nt:2:" err.txt || fail "error does not name file:line: $(cat err.txt)"
    sorted_nquads db >after.nq
    cmp before.nq after.nq || fail "a failed load changed the database"
    # --lenient loads the good statement and reports the bad one.
    "$parley" load db bad.nt --lenient >out.txt 2>err.txt || fail "lenient load failed"
    grep -q "skipped 1 bad statements" err.txt || fail "lenient did not report: $(cat err.txt)"
    [ "$(sorted_nquads db | wc -l)" -eq $(($(wc -l <before.nq) + 1)) ] || fail "lenient load"
    ;;
  dump_roundtrip)
    # export -> load into a fresh database -> export: byte-identical dumps,
    # the same quads as the N-Quads path, for every framing and one graph.
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >expected.nq
    for variant in default no-zstd packed packed-zstd graph; do
      case $variant in
        default) flags=() ;;
        no-zstd) flags=(--no-zstd) ;;
        packed) flags=(--no-zstd --packed) ;;
        packed-zstd) flags=(--packed) ;;
        graph) flags=(--graph http://example.org/data/news/wsj) ;;
      esac
      "$parley" export db "${flags[@]}" -o "a_$variant.pdump" 2>/dev/null
      head -c 4 "a_$variant.pdump" | od -An -tx1 | tr -d ' \n' >magic.txt
      case $variant in
        no-zstd | packed) grep -q '^89506172' magic.txt || fail "$variant: not a plain dump" ;;
        *) grep -q '^28b52ffd' magic.txt || fail "$variant: not zstd" ;;
      esac
      "$parley" load "db_$variant" "a_$variant.pdump" >load.txt
      grep -q "statements/s" load.txt || fail "no load summary: $(cat load.txt)"
      "$parley" export "db_$variant" "${flags[@]}" -o "b_$variant.pdump" 2>/dev/null
      cmp "a_$variant.pdump" "b_$variant.pdump" || fail "$variant: dumps differ after a round trip"
      sorted_nquads "db_$variant" >"got_$variant.nq"
      if [ "$variant" = graph ]; then
        # A dump of one graph keeps the graph's name (text exports drop it).
        grep -F '<http://example.org/data/news/wsj> .' expected.nq >want.nq
      else
        cp expected.nq want.nq
      fi
      cmp want.nq "got_$variant.nq" || fail "$variant: the dump changed the data"
    done
    # --format capnp writes a dump under any name; load finds it by magic.
    "$parley" export db --format capnp -o dump.bin 2>/dev/null
    "$parley" load db_bin dump.bin >/dev/null
    cmp expected.nq <(sorted_nquads db_bin) || fail "dump under another name"
    ;;
  dump_mixed_and_errors)
    "$parley" load db "$sample" >/dev/null
    "$parley" export db -o all.pdump 2>/dev/null
    printf '<http://ex.org/a> <http://ex.org/p> "extra" .\n' >extra.nt
    out=$("$parley" load mixed all.pdump extra.nt)
    grep -q "^loaded $(($(sorted_nquads db | wc -l) + 1)) statements" <<<"$out" ||
      fail "mixed load: $out"
    sorted_nquads mixed >before.nq
    # Truncated and corrupted dumps fail, name the file, change nothing.
    "$parley" export db --no-zstd -o plain.pdump 2>/dev/null
    size=$(wc -c <plain.pdump)
    head -c $((size - 5)) plain.pdump >truncated.pdump
    cp plain.pdump flipped.pdump
    printf '\xff' | dd of=flipped.pdump bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
    for bad in truncated flipped; do
      if "$parley" load mixed extra.nt "$bad.pdump" 2>err.txt >/dev/null; then fail "$bad loaded"; fi
      grep -q "$bad.pdump" err.txt || fail "$bad: error does not name the file: $(cat err.txt)"
      case $bad in
        truncated) grep -q "truncated" err.txt || fail "truncation not reported: $(cat err.txt)" ;;
        flipped) grep -Eq "checksum|malformed|corrupt" err.txt || fail "corruption: $(cat err.txt)" ;;
      esac
      cmp before.nq <(sorted_nquads mixed) || fail "$bad: a failed load changed the database"
    done
    if "$parley" export db --zstd --no-zstd -o x.pdump 2>/dev/null; then fail "contradictory flags"; fi
    ;;
  usage_errors)
    if "$parley" load 2>/dev/null; then fail "load without arguments succeeded"; fi
    if "$parley" frobnicate 2>/dev/null; then fail "unknown command succeeded"; fi
    if "$parley" export missing_db 2>err.txt; then fail "export of a missing database succeeded"; fi
    printf 'x' >not_rdf.txt
    if "$parley" load db not_rdf.txt 2>err.txt; then fail "unknown extension loaded"; fi
    grep -q "use --format" err.txt || fail "unhelpful message: $(cat err.txt)"
    mkdir not_a_db && echo hello >not_a_db/file
    if "$parley" stats not_a_db 2>err.txt; then fail "opened a directory that is not a database"; fi
    grep -qi "not a Parley database" err.txt || fail "unhelpful message: $(cat err.txt)"
    ;;
  killed_load_leaves_db_unchanged)
    # SIGKILL a load at random points (parsing, sorting, writing, ingesting):
    # the database must be exactly as before every time, and usable.
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >before.nq
    python3 - >big.nt <<'PY'
for i in range(300000):
    print(f'<http://example.org/s/{i % 7919}> <http://example.org/p/{i % 13}> "value {i}"@en .')
PY
    for round in $(seq 1 12); do
      "$parley" load db big.nt >/dev/null 2>&1 &
      pid=$!
      sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      now=$(sorted_nquads db | wc -l)
      if [ "$now" -ne "$(wc -l <before.nq)" ]; then
        # The kill came after the atomic ingest: the load is complete.
        [ "$now" -eq $(($(wc -l <before.nq) + 300000)) ] || fail "round $round: partial load ($now quads)"
        "$parley" export db --format nquads | grep -vF '<http://example.org/s/' | LC_ALL=C sort | cmp - before.nq ||
          fail "round $round: the old quads changed"
        rm -rf db && "$parley" load db "$sample" >/dev/null
      else
        sorted_nquads db | cmp - before.nq || fail "round $round: the database changed"
      fi
      ls db | grep -q '^load-tmp-' && fail "round $round: scratch folder survived a reopen"
    done
    ;;
  *)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS $case_name"
