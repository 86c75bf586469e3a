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
    # A missing file: the same, naming it.
    if "$parley" load db "$sample" no-such.nt 2>err.txt >/dev/null; then fail "a missing file loaded"; fi
    grep -q "no-such.nt" err.txt || fail "missing file not named: $(cat err.txt)"
    sorted_nquads db | cmp - before.nq || fail "a load with a missing file changed the database"
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
    # `parley NAME` opens the shell on database NAME; extra words are an error.
    if "$parley" frobnicate extra words 2>/dev/null </dev/null; then fail "stray arguments accepted"; fi
    [ ! -e frobnicate ] || fail "a usage error created a database"
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
  query_inline_file_stdin)
    # The same query inline, from a file and from stdin; the default
    # format without a terminal is SPARQL JSON.
    "$parley" load db "$sample" >/dev/null
    q='SELECT ?label WHERE { <http://example.org/data/country/CN> <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = "zh") }'
    printf '?label\n"中国"@zh\n' >expected.tsv
    "$parley" query db -e "$q" --format tsv >inline.tsv || fail "inline query failed"
    cmp expected.tsv inline.tsv || fail "inline: $(cat inline.tsv)"
    printf '%s\n' "$q" >q.rq
    "$parley" query db q.rq --format tsv >file.tsv || fail "file query failed"
    cmp expected.tsv file.tsv || fail "file: $(cat file.tsv)"
    "$parley" query db - --format=tsv <q.rq >stdin.tsv || fail "stdin query failed"
    cmp expected.tsv stdin.tsv || fail "stdin: $(cat stdin.tsv)"
    "$parley" query db q.rq >default.json || fail "query without --format failed"
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["head"]["vars"] == ["label"], r
assert r["results"]["bindings"] == [{"label": {"type": "literal", "value": "中国", "xml:lang": "zh"}}], r
' default.json || fail "default output is not the SPARQL JSON expected: $(cat default.json)"
    # Relative IRIs resolve against the file's location, the current
    # directory for -e, or --base.
    mkdir sub && printf 'SELECT ?x WHERE { BIND(<rel> AS ?x) }\n' >sub/rel.rq
    here=$(pwd -P)
    [ "$("$parley" query db sub/rel.rq --format tsv | tail -n 1)" = "<file://$here/sub/rel>" ] ||
      fail "base of a file: $("$parley" query db sub/rel.rq --format tsv)"
    [ "$("$parley" query db -e 'SELECT ?x WHERE { BIND(<rel> AS ?x) }' --format tsv | tail -n 1)" = "<file://$here/rel>" ] ||
      fail "base of -e"
    [ "$("$parley" query db sub/rel.rq --base http://ex.org/q/ --format tsv | tail -n 1)" = "<http://ex.org/q/rel>" ] ||
      fail "--base"
    # --union-default-graph: the named graphs join the default graph.
    all='SELECT * WHERE { ?s ?p ?o }'
    "$parley" query db -e "$all" --format tsv >default.tsv || fail "query of the default graph"
    "$parley" query db -e "$all" --format tsv --union-default-graph >union.tsv || fail "union query"
    default_count=$(($(wc -l <default.tsv) - 1))  # less the header
    union_count=$(($(wc -l <union.tsv) - 1))
    stats=$("$parley" stats db)
    stats=${stats%%$'\n'*}  # "N quads, M in the default graph, ..."
    total=${stats%% quads*}
    in_default=$(sed -n 's/.* quads, \([0-9]*\) in the default graph.*/\1/p' <<<"$stats")
    [ "$default_count" -eq "$in_default" ] || fail "default graph: $default_count, stats: $stats"
    [ "$union_count" -gt "$default_count" ] && [ "$union_count" -le "$total" ] ||
      fail "union of graphs: $union_count, stats: $stats"
    ;;
  query_formats)
    printf '%s\n' '<http://ex.org/a> <http://ex.org/name> "Alice" .' \
      '<http://ex.org/a> <http://ex.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .' >data.nt
    "$parley" load db data.nt >/dev/null
    select='SELECT ?name ?age WHERE { ?s <http://ex.org/name> ?name ; <http://ex.org/age> ?age }'
    construct='CONSTRUCT { ?s <http://ex.org/label> ?name } WHERE { ?s <http://ex.org/name> ?name }'
    check() {  # check FORMAT QUERY EXPECTED
      "$parley" query db -e "$2" --format "$1" >got.txt || fail "--format $1 failed"
      printf '%s' "$3" >want.txt
      cmp want.txt got.txt || fail "--format $1: got $(od -c got.txt | head -20)"
    }
    check json "$select" '{"head":{"vars":["name","age"]},"results":{"bindings":[
{"name":{"type":"literal","value":"Alice"},"age":{"type":"literal","value":"42","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}
]}}
'
    check xml "$select" '<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head>
    <variable name="name"/>
    <variable name="age"/>
  </head>
  <results>
    <result>
      <binding name="name"><literal>Alice</literal></binding>
      <binding name="age"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">42</literal></binding>
    </result>
  </results>
</sparql>
'
    check csv "$select" $'name,age\r\nAlice,42\r\n'
    check tsv "$select" $'?name\t?age\n"Alice"\t42\n'
    check table "$select" '+---------+-----+
| name    | age |
+---------+-----+
| "Alice" | 42  |
+---------+-----+
1 row
'
    check json 'ASK { ?s ?p "Alice" }' $'{"head":{},"boolean":true}\n'
    check csv 'ASK { ?s ?p "Bob" }' $'_askResult\r\nfalse\r\n'
    check ntriples "$construct" $'<http://ex.org/a> <http://ex.org/label> "Alice" .\n'
    check turtle "$construct" $'@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n<http://ex.org/a> <http://ex.org/label> "Alice" .\n'
    # Without --format (and no terminal), CONSTRUCT comes as N-Triples.
    [ "$("$parley" query db -e "$construct")" = '<http://ex.org/a> <http://ex.org/label> "Alice" .' ] ||
      fail "default format of CONSTRUCT"
    # A format that cannot carry the result's kind is a usage error.
    rc=0
    "$parley" query db -e "$construct" --format json >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 2 ] || fail "CONSTRUCT as JSON: exit $rc"
    grep -q "ntriples" err.txt || fail "no hint at the formats: $(cat err.txt)"
    ;;
  query_errors)
    "$parley" load db "$sample" >/dev/null
    # A syntax error: exit 1, the position and a caret on stderr, nothing on stdout.
    rc=0
    "$parley" query db -e 'SELECT ?s WHERE { ?s ?p }' >out.txt 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "syntax error: exit $rc"
    grep -q "line 1, column" err.txt || fail "no position: $(cat err.txt)"
    grep -q '^ *\^' err.txt || fail "no caret: $(cat err.txt)"
    [ ! -s out.txt ] || fail "output on a syntax error: $(cat out.txt)"
    printf 'SELECT ?s\nWHERE { ?s ?p }\n' >bad.rq
    rc=0
    "$parley" query db bad.rq 2>err.txt >/dev/null || rc=$?
    [ "$rc" -eq 1 ] || fail "syntax error in a file: exit $rc"
    grep -q "bad.rq: line 2, column" err.txt || fail "error does not name file and line: $(cat err.txt)"
    # A query past its --timeout: exit 1.
    rc=0
    "$parley" query db -e 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }' \
      --timeout 1 --format json >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "timeout: exit $rc"
    # A missing query file is an error, not a usage error.
    rc=0
    "$parley" query db missing.rq 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "missing file: exit $rc"
    grep -q "missing.rq" err.txt || fail "missing file not named: $(cat err.txt)"
    # Usage errors: exit 2.
    printf 'ASK {}\n' >ask.rq
    for usage in "query" "query db" "query db ask.rq --format yaml" "query db ask.rq --timeout soon" \
      "query db ask.rq --timeout -5" "query db ask.rq -e ASK{}" "query db ask.rq extra.rq" \
      "query db ask.rq --frobnicate" "query db -e"; do
      rc=0
      # shellcheck disable=SC2086
      "$parley" $usage >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 2 ] || fail "'parley $usage': exit $rc, expected 2"
      [ -s err.txt ] || fail "'parley $usage': no message"
    done
    ;;
  query_explain)
    # --explain prints the plan without running the query, --analyze runs
    # it to the end and adds the figures; neither prints results.
    "$parley" load db "$sample" >/dev/null
    q='SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 3'
    "$parley" query db -e "$q" --explain >plan.txt || fail "--explain failed"
    [ "$(head -n 1 plan.txt)" = "Slice limit 3" ] || fail "--explain: $(cat plan.txt)"
    grep -q '^        Group by ?s computing COUNT(?o)$' plan.txt || fail "no group: $(cat plan.txt)"
    if grep -q 'rows \|^total' plan.txt; then fail "--explain ran the query: $(cat plan.txt)"; fi
    "$parley" query db -e "$q" --analyze >analyze.txt || fail "--analyze failed"
    grep -q '^Slice limit 3  rows 3  time .* ms  peak .*  calls [0-9]*$' analyze.txt ||
      fail "--analyze top line: $(cat analyze.txt)"
    grep -q '^total  3 results  time .* ms (planning .* ms)  peak memory [0-9.]* [KMG]*i*B$' analyze.txt ||
      fail "--analyze total: $(cat analyze.txt)"
    # The top node counts the rows the query returns.
    all='SELECT * WHERE { ?s ?p ?o }'
    count=$(($("$parley" query db -e "$all" --format tsv | wc -l) - 1))
    top=$("$parley" query db -e "$all" --analyze | head -n 1)
    [[ "$top" == "Project ?s ?p ?o  "*"rows $count  time "* ]] || fail "analyze rows: $top, expected $count"
    "$parley" query db -e 'ASK { ?s ?p ?o }' --analyze | grep -q '^total  1 result  ' ||
      fail "--analyze of ASK"
    # --explain does not run what --analyze cannot finish in time.
    slow='SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }'
    "$parley" query db -e "$slow" --explain --timeout 3000 >/dev/null || fail "--explain of a slow query"
    rc=0
    "$parley" query db -e "$slow" --analyze --timeout 300 >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "--analyze past its timeout: exit $rc"
    # Usage errors: both flags, --format, and update requests (no DB created).
    for usage in "--explain --analyze" "--explain --format json" "--analyze --format=tsv"; do
      rc=0
      # shellcheck disable=SC2086
      "$parley" query db -e "$all" $usage >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 2 ] || fail "'$usage': exit $rc, expected 2"
      [ -s err.txt ] || fail "'$usage': no message"
    done
    rc=0
    "$parley" query newdb -e 'INSERT DATA { <http://ex.org/a> <http://ex.org/p> 1 }' --explain \
      >out.txt 2>err.txt || rc=$?
    [ "$rc" -eq 2 ] || fail "--explain of an update: exit $rc"
    grep -q "not to update requests" err.txt || fail "update message: $(cat err.txt)"
    [ ! -e newdb ] || fail "--explain of an update created the database"
    ;;
  query_missing_db)
    # A DB that does not exist answers as an empty database and is not
    # created; the scratch database behind it is removed.
    mkdir scratch
    out=$(TMPDIR="$work/scratch" "$parley" query nowhere/db -e 'SELECT ?s WHERE { ?s ?p ?o }' --format csv)
    [ "$out" = $'s\r' ] || fail "missing DB: $out"
    [ "$(TMPDIR="$work/scratch" "$parley" query nowhere -e 'ASK { ?s ?p ?o }' --format tsv | tail -n 1)" = false ] ||
      fail "ASK on a missing DB"
    [ ! -e nowhere ] || fail "the query created the database"
    [ -z "$(ls scratch)" ] || fail "scratch directories left: $(ls scratch)"
    ;;
  update)
    # An update creates the DB, reports what changed, and is one transaction.
    out=$("$parley" query newdb -e 'PREFIX : <http://ex.org/> INSERT DATA { :a :p :b . GRAPH :g { :a :p :c } }') ||
      fail "INSERT DATA failed"
    [ "$out" = "inserted 2 quads, deleted 0 quads" ] || fail "summary: $out"
    printf 'PREFIX : <http://ex.org/>\nDELETE DATA { :a :p :b } ;\nCREATE GRAPH :g\n' >bad.ru
    rc=0
    "$parley" query newdb bad.ru >out.txt 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "failing update: exit $rc"
    grep -q "bad.ru: update operation 2 (CREATE)" err.txt || fail "error: $(cat err.txt)"
    [ "$(sorted_nquads newdb | wc -l)" -eq 2 ] || fail "a failed update changed the database"
    # LOAD reads the current directory and below, and --allow-load DIR only.
    mkdir -p in other
    printf '<http://ex.org/x> <http://ex.org/p> <http://ex.org/y> .\n' >in/x.nt
    printf '<http://ex.org/y> <http://ex.org/p> <http://ex.org/z> .\n' >other/y.nt
    "$parley" query newdb -e "LOAD <file://$work/in/x.nt>" >/dev/null || fail "LOAD of ./in/x.nt"
    (cd in && if "$parley" query ../newdb -e "LOAD <file://$work/other/y.nt>" 2>"$work/err.txt"; then
      fail "LOAD outside the current directory"; fi)
    grep -q "refused" err.txt || fail "LOAD refusal: $(cat err.txt)"
    (cd in && "$parley" query ../newdb -e "LOAD <file://$work/other/y.nt>" --allow-load "$work/other" \
      >/dev/null) || fail "LOAD with --allow-load"
    [ "$(sorted_nquads newdb | wc -l)" -eq 4 ] || fail "LOADs: $(sorted_nquads newdb)"
    ;;
  full_and_read_only_file_systems)
    # Reading needs no free space and no write access; writing to a full
    # file system is a clean error (it used to abort inside RocksDB).
    if [ "$(id -u)" -ne 0 ]; then echo "SKIP: mounting a small tmpfs needs root"; exit 77; fi
    mkdir fs
    mount -t tmpfs -o size=4m tmpfs fs || fail "cannot mount a tmpfs"
    trap 'umount "$work/fs" 2>/dev/null || true; rm -rf "$work"' EXIT
    "$parley" load fs/db "$sample" >/dev/null
    quads=$("$parley" export fs/db --format nquads | wc -l)
    count='SELECT (COUNT(*) AS ?n) { ?s ?p ?o }'
    in_default=$("$parley" query fs/db -e "$count" --format tsv | tail -n 1)
    dd if=/dev/zero of=fs/fill bs=4k 2>/dev/null || true
    for mode in full read-only; do
      "$parley" stats fs/db >/dev/null || fail "stats on a $mode file system"
      [ "$("$parley" query fs/db -e 'ASK { ?s ?p ?o }' --format tsv | tail -n 1)" = true ] ||
        fail "query on a $mode file system"
      [ "$("$parley" export fs/db --format nquads | wc -l)" -eq "$quads" ] || fail "export on $mode"
      rc=0
      "$parley" load fs/db "$sample" >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 1 ] || fail "load on a $mode file system: exit $rc"
      rc=0
      "$parley" query fs/db -e 'CLEAR ALL' >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 1 ] || fail "an update on a $mode file system: exit $rc"
      if [ "$mode" = full ]; then
        grep -q "is full" err.txt || fail "no word of a full disk: $(cat err.txt)"
        rm fs/fill
        mount -o remount,ro fs
      fi
    done
    [ "$("$parley" query fs/db -e "$count" --format tsv | tail -n 1)" = "$in_default" ] ||
      fail "the failed writes changed the database"
    ;;
  closed_and_full_standard_streams)
    # Descriptors 0-2 are reserved at start-up: with stdout closed, an export
    # fails instead of writing the quads into the database's LOG file.
    "$parley" load db "$sample" >/dev/null
    if "$parley" export db --format nquads >&- 2>err.txt; then fail "export to a closed stdout"; fi
    if grep -rqs "trade-talks\|example.org/data" db/LOG*; then fail "quads written into the LOG"; fi
    if "$parley" stats db 0<&- 1>&- 2>&-; then fail "stats with 0-2 closed reported success"; fi
    grep -rqs "cannot write" db/LOCK && fail "an error written into LOCK"
    # Write errors on stdout are errors.
    if "$parley" stats db >/dev/full 2>err.txt; then fail "stats > /dev/full exited 0"; fi
    grep -q "cannot write to standard output" err.txt || fail "no message: $(cat err.txt)"
    "$parley" stats db >/dev/null || fail "the database no longer opens"
    ;;
  failed_loads_create_nothing)
    printf '<http://ex.org/a> <http://ex.org/p> oops .\n' >bad.nt
    if "$parley" load newdb bad.nt 2>/dev/null; then fail "a bad file loaded"; fi
    [ ! -e newdb ] || fail "a failed load left newdb behind"
    if "$parley" load a/b/newdb bad.nt 2>/dev/null; then fail "a bad file loaded"; fi
    [ ! -e a ] || fail "a failed load left its parent directories behind"
    mkdir empty
    if "$parley" load empty bad.nt 2>/dev/null; then fail "a bad file loaded"; fi
    [ -d empty ] && [ -z "$(ls -A empty)" ] || fail "a failed load into an empty directory left files"
    # Sizes that do not fit are errors, not "default".
    if "$parley" load db "$sample" --memory 17179869184G 2>err.txt; then fail "--memory overflowed"; fi
    grep -q "too large" err.txt || fail "--memory: $(cat err.txt)"
    [ ! -e db ] || fail "a usage error created the database"
    ;;
  export_is_atomic_and_outside_the_db)
    "$parley" load db "$sample" >/dev/null
    if "$parley" export db -o db/CURRENT 2>err.txt; then fail "export into the database directory"; fi
    grep -q "inside the database directory" err.txt || fail "message: $(cat err.txt)"
    if "$parley" export db -o no/such/out.nq 2>err.txt; then fail "export into a missing directory"; fi
    grep -q "no/such" err.txt || fail "message: $(cat err.txt)"
    [ ! -e no ] || fail "a failed export created directories"
    mkdir adir
    if "$parley" export db -o adir 2>err.txt; then fail "export onto a directory"; fi
    grep -q "a directory" err.txt || fail "message: $(cat err.txt)"
    "$parley" stats db >/dev/null || fail "the database no longer opens"
    echo previous >out.nq
    # A failed export (here: the format cannot hold named graphs) leaves the
    # previous file as it was and no temporary file.
    if "$parley" export db -o out.nq --format ntriples 2>/dev/null; then fail "named graphs as ntriples"; fi
    [ "$(cat out.nq)" = previous ] || fail "a failed export changed the previous file"
    [ -z "$(ls -A | grep tmp)" ] || fail "temporary files left: $(ls -A)"
    "$parley" export db -o out.nq
    sorted_nquads db | cmp - <(LC_ALL=C sort out.nq) || fail "the export is not the database"
    # A damaged dump signature is reported as such.
    "$parley" export db -o d.pdump --no-zstd
    printf 'b' | dd of=d.pdump bs=1 seek=2 conv=notrunc status=none  # "\x89PbrleyU"
    if "$parley" load db2 d.pdump 2>err.txt; then fail "a damaged dump loaded"; fi
    grep -q "damaged Parley dump" err.txt || fail "damaged dump: $(cat err.txt)"
    ;;
  help_and_version)
    # One parser, one help text: --help and --version, each subcommand's
    # --help, and usage errors (exit 2, a message, no database created).
    out=$("$parley" --help) || fail "--help: exit $?"
    for word in load export stats query --command --mode --keep-going --timeout; do
      grep -q -- "$word" <<<"$out" || fail "--help does not mention $word: $out"
    done
    [[ "$("$parley" --version)" =~ ^parley\ [0-9]+\.[0-9]+ ]] || fail "--version: $("$parley" --version)"
    for sub in load export stats query; do
      out=$("$parley" "$sub" --help) || fail "$sub --help: exit $?"
      grep -q "^Usage: parley $sub" <<<"$out" || fail "$sub --help: $out"
    done
    for usage in "--bogus" "stats" "stats db extra" "export" "query" "db extra words" "db --mode yaml" \
      "db --timeout soon" "db --timeout 0" "load db --format"; do
      rc=0
      # shellcheck disable=SC2086
      "$parley" $usage </dev/null >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 2 ] || fail "'parley $usage': exit $rc, expected 2"
      [ -s err.txt ] || fail "'parley $usage': no message"
    done
    "$parley" db --timeout 0 -c 'ASK {}' 2>err.txt && fail "--timeout 0 accepted"
    grep -q "expected a positive number of milliseconds" err.txt || fail "--timeout: $(cat err.txt)"
    [ ! -e db ] || fail "a usage error created the database"
    # A missing DB for stats and export: exit 1, a message, nothing created.
    for command in "stats nowhere" "export nowhere"; do
      rc=0
      # shellcheck disable=SC2086
      "$parley" $command >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 1 ] || fail "'parley $command': exit $rc"
      grep -q "nowhere" err.txt || fail "'parley $command': $(cat err.txt)"
    done
    [ ! -e nowhere ] || fail "stats or export created a database"
    # .help lists every dot-command, .help NAME explains each one, and the
    # README's shell section names the same commands.
    "$parley" -c .help >help.txt || fail ".help failed"
    sed -n 's/^\(\.[a-z]*\) .*/\1/p' help.txt | sort -u >listed.txt
    [ "$(wc -l <listed.txt)" -ge 18 ] || fail ".help lists too few commands: $(cat help.txt)"
    while read -r command; do
      out=$("$parley" -c ".help $command") || fail ".help $command failed"
      [[ "$out" == "$command"* ]] || fail ".help $command: $out"
      out=$("$parley" -c ".help ${command#.}") || fail ".help ${command#.} failed"
      [[ "$out" == "$command"* ]] || fail ".help ${command#.}: $out"
    done <listed.txt
    sed -n '/^## The shell/,/^## /p' "$src/README.md" | grep -o '`\.[a-z][a-z]*' | tr -d '`' |
      sort -u >readme.txt
    comm -3 listed.txt readme.txt >differ.txt
    [ ! -s differ.txt ] ||
      fail "README's shell section and .help differ (left: only in .help, right: only in the README): $(cat differ.txt)"
    ;;
  shell_command_line)
    # parley DB -c STATEMENT...: in order, to the first error (exit 1, the
    # rest not run) or with --keep-going to the end (exit still 1); --mode;
    # without DB a temporary database.
    "$parley" load db "$sample" >/dev/null
    rc=0
    "$parley" db --mode csv -c 'ASK {}' -c '.frobnicate' -c 'ASK { ?s ?p ?o }' >out.txt 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "-c with an error: exit $rc"
    [ "$(cat out.txt)" = $'_askResult\r\ntrue\r' ] || fail "-c did not stop at the error: $(cat out.txt)"
    grep -q "unknown command .frobnicate" err.txt || fail "-c error: $(cat err.txt)"
    rc=0
    "$parley" db --mode tsv --keep-going -c '.frobnicate' -c 'ASK { ?s ?p ?o }' >out.txt 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "--keep-going: exit $rc"
    [ "$(tail -n 1 out.txt)" = true ] || fail "--keep-going did not go on: $(cat out.txt)"
    out=$("$parley" --mode tsv -c 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }') || fail "no DB: exit $?"
    [ "$(tail -n 1 <<<"$out")" = 0 ] || fail "without DB, a temporary database: $out"
    # A statement past --timeout fails; so does one cancelled by .timeout.
    slow='SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }'
    rc=0
    "$parley" db --timeout 200 -c "$slow" >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "--timeout: exit $rc"
    grep -q "deadline" err.txt || fail "--timeout message: $(cat err.txt)"
    rc=0
    "$parley" db -c '.timeout 200' -c "$slow" >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail ".timeout: exit $rc"
    grep -q "deadline" err.txt || fail ".timeout message: $(cat err.txt)"
    # parley query --format dot takes labels from the database, as the shell does.
    out=$("$parley" query db --format dot -e 'CONSTRUCT { ?m <http://example.org/neg#heldIn> ?c }
      WHERE { ?m <http://example.org/neg#heldIn> ?c } ORDER BY ?m LIMIT 1')
    grep -q '^  n1 \[label="Beijing"\];$' <<<"$out" || fail "dot labels: $out"
    ;;
  large_change_bounded_memory)
    # An INSERT ... WHERE and a DELETE WHERE of 1M quads each with --memory
    # 16M go through files on disk (stderr says so) in bounded memory: in a
    # transaction the delete alone would hold about 2.3 KiB per quad (over
    # 2 GiB here). The rest stays, consistent.
    awk 'BEGIN { for (i = 0; i < 1000000; i++) {
                   printf "<http://ex.org/s%d> <http://ex.org/gone> \"v%d\" .\n", i, i % 5000
                   if (i % 10 == 0) printf "<http://ex.org/s%d> <http://ex.org/kept> <http://ex.org/s%d> .\n", i, i + 1 } }' >big.nt
    "$parley" load db big.nt >/dev/null
    # Runs `parley query db --memory 16M -e REQUEST`: stdout, then the peak
    # RSS in KiB; stderr to err.txt.
    run_measured() {
      python3 - "$parley" "$1" <<'PY'
import resource, subprocess, sys
run = subprocess.run([sys.argv[1], "query", "db", "--memory", "16M", "-e", sys.argv[2]],
                     capture_output=True, text=True)
open("err.txt", "w").write(run.stderr)
print(run.stdout.strip())
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
    }
    # expect_on_disk VERB SUMMARY MAX_MIB REQUEST: REQUEST prints SUMMARY,
    # says it goes to disk, and peaks under MAX_MIB.
    expect_on_disk() {
      local out peak
      out=$(run_measured "$4") || fail "$1 failed: $(cat err.txt)"
      [ "$(sed -n 1p <<<"$out")" = "$2" ] || fail "$1: $out"
      grep -q "quads to $1 so far, more than the memory budget lets it hold: going through sorted files on disk" err.txt ||
        fail "no $1 progress output: $(cat err.txt)"
      grep -q "applying the $1 of 1000000 quads in one atomic step" err.txt ||
        fail "$1 progress: $(cat err.txt)"
      peak=$(sed -n 2p <<<"$out")
      [ "$peak" -lt $(($3 * 1024)) ] || fail "peak RSS $peak KiB for a 1M-quad $1"
    }
    expect_on_disk insert "inserted 1000000 quads, deleted 0 quads" 400 \
      'INSERT { ?s <http://ex.org/copy> ?o } WHERE { ?s <http://ex.org/gone> ?o }'
    expect_on_disk delete "inserted 0 quads, deleted 1000000 quads" 300 \
      'DELETE WHERE { ?s <http://ex.org/gone> ?o }'

    "$parley" check db >/dev/null || fail "check after the changes: $("$parley" check db)"
    [[ "$("$parley" stats db | sed -n 1p)" == "1100000 quads, 1100000 in the default graph,"* ]] ||
      fail "stats after the changes: $("$parley" stats db | sed -n 1p)"
    ;;
  integrity_check)
    # parley check: a loaded, updated database is consistent (exit 0); a
    # missing one is an error that creates nothing.
    "$parley" load db "$sample" >/dev/null
    "$parley" query db -e 'DELETE WHERE { ?s <http://example.org/neg#quote> ?q }' >/dev/null
    out=$("$parley" check db) || fail "check of a sound database: $out"
    grep -q '^ok: [0-9]* quads in each of 5 indexes, [0-9]* dictionary terms$' <<<"$out" ||
      fail "check: $out"
    rc=0
    "$parley" check nowhere >/dev/null 2>err.txt || rc=$?
    [ "$rc" -eq 1 ] || fail "check of a missing database: exit $rc"
    [ ! -e nowhere ] || fail "check created the missing database"
    ;;
  stats)
    # parley stats and .stats count the terms of the dictionary: here 4
    # IRIs, 2 literals and a graph name; 42 is stored inline, not counted.
    printf '%s\n' '<http://ex.org/a> <http://ex.org/p> "one" <http://ex.org/g> .' \
      '<http://ex.org/a> <http://ex.org/q> "two"@en .' \
      '<http://ex.org/b> <http://ex.org/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .' >data.nq
    "$parley" load db data.nq >/dev/null
    [ "$("$parley" stats db | head -c 200 | sed -n 1p)" = \
      "3 quads, 2 in the default graph, 1 named graphs, 7 terms in the dictionary" ] ||
      fail "stats: $("$parley" stats db)"
    grep -q '^terms:        7 in the dictionary$' <("$parley" db -c .stats) || fail ".stats: $("$parley" db -c .stats)"
    # A delete leaves the terms in the dictionary.
    "$parley" query db -e 'DELETE DATA { <http://ex.org/a> <http://ex.org/q> "two"@en }' >/dev/null
    [[ "$("$parley" stats db | head -c 200 | sed -n 1p)" == "2 quads, 1 in the default graph, 1 named graphs, 7 terms"* ]] ||
      fail "stats after a delete: $("$parley" stats db)"
    ;;
  locked_database)
    # Another process holds DB: a shell reading from a pipe that stays open.
    # The shell and the read-only commands still read DB (the shell says it
    # opened it read-only); every write fails with a message; nothing
    # changes. Once the other process ends, the shell can write again.
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >before.nq
    printf '<http://ex.org/a> <http://ex.org/p> "extra" .\n' >extra.nt
    insert='INSERT DATA { <http://ex.org/a> <http://ex.org/p> "new" }'
    wait_for() {  # wait_for FILE TEXT: until FILE holds TEXT (no fixed sleeps to get wrong)
      for _ in $(seq 1 1200); do
        if grep -qF -- "$2" "$1" 2>/dev/null; then return 0; fi
        sleep 0.05
      done
      fail "waited in vain for '$2' in $1: $(cat "$1")"
    }
    mkfifo hold second
    "$parley" db --mode tsv <hold >holder.out 2>holder.err &
    holder=$!
    exec 3>hold
    echo 'ASK { ?s ?p ?o }' >&3
    wait_for holder.out true
    # A second shell, started while the first holds DB (without descriptor
    # 3, or the first would never see the end of its input).
    "$parley" db --mode tsv --keep-going <second >second.out 2>second.err 3>&- &
    second_shell=$!
    exec 4>second
    echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' >&4
    wait_for second.out '?n'
    grep -q "opened db read-only: database db is in use by another process" second.err ||
      fail "no read-only note: $(cat second.err)"
    # Writes through the shell fail, each with its message.
    for write in "$insert" ".load extra.nt" ".backup copy"; do
      rc=0
      "$parley" db -c "$write" >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 1 ] || fail "'$write' on a locked database: exit $rc"
      grep -q "read-only" err.txt || fail "'$write': $(cat err.txt)"
    done
    [ ! -e copy ] || fail ".backup of a read-only database left a directory"
    "$parley" db -c '.prefix zz http://example.org/zz#' 2>err.txt || fail ".prefix on a locked database"
    grep -q "the prefix holds for this session" err.txt || fail ".prefix: $(cat err.txt)"
    [ ! -e db/shell-prefixes.rq ] || fail ".prefix wrote into a locked database"
    # .open of the locked database from another one.
    out=$("$parley" -c '.open db' -c 'ASK { ?s ?p ?o }' --mode tsv 2>err.txt) || fail ".open of a locked database"
    [ "$(tail -n 1 <<<"$out")" = true ] || fail ".open of a locked database: $out"
    grep -q "opened db read-only" err.txt || fail ".open: no note: $(cat err.txt)"
    # The subcommands: reads work, writes fail naming the other process.
    "$parley" stats db >/dev/null || fail "stats of a locked database"
    [ "$("$parley" query db -e 'ASK { ?s ?p ?o }' --format tsv | tail -n 1)" = true ] || fail "query"
    sorted_nquads db | cmp - before.nq || fail "export of a locked database"
    for write in "load db extra.nt" "query db -e INSERT{<http://ex.org/a><http://ex.org/p>1}WHERE{}"; do
      rc=0
      # shellcheck disable=SC2086
      "$parley" $write >/dev/null 2>err.txt || rc=$?
      [ "$rc" -eq 1 ] || fail "'parley $write' on a locked database: exit $rc"
      grep -q "in use by another process" err.txt || fail "'parley $write': $(cat err.txt)"
    done
    sorted_nquads db | cmp - before.nq || fail "a write to a locked database changed it"
    # The holder ends; the second shell reopens DB, now read-write.
    exec 3>&-
    wait "$holder" || fail "the holding shell failed: $(cat holder.err)"
    printf '%s\n' "$insert" '.open db' "$insert" 'ASK { ?s ?p "new" }' >&4
    exec 4>&-
    rc=0
    wait "$second_shell" || rc=$?
    [ "$rc" -eq 1 ] || fail "the second shell: exit $rc (its first insert had to fail)"
    [ "$(tail -n 1 second.out)" = true ] || fail ".open did not reopen read-write: $(cat second.out second.err)"
    [ "$(grep -c 'cannot be changed' second.err)" -eq 1 ] || fail "second shell: $(cat second.err)"
    ;;
  unreadable_database)
    # A database path that cannot be used: a regular file, a directory
    # that is no database, a directory the user may not read. Every command
    # fails (exit 1) with a message naming it, and changes nothing.
    "$parley" load db "$sample" >/dev/null
    sorted_nquads db >before.nq
    printf '<http://ex.org/a> <http://ex.org/p> "extra" .\n' >extra.nt
    echo 'not a database' >afile
    mkdir other && echo x >other/file
    try_all() {  # try_all PATH EXPECTED-MESSAGE [PREFIX...]: each command on PATH fails
      local path=$1 message=$2
      shift 2
      for command in "$path -c ASK{}" "-c .open\ $path" "stats $path" "query $path -e ASK{}" \
        "export $path" "load $path extra.nt"; do
        rc=0
        # shellcheck disable=SC2086
        eval "$* \"\$parley\" $command" </dev/null >/dev/null 2>err.txt || rc=$?
        [ "$rc" -eq 1 ] || fail "'parley $command': exit $rc, expected 1"
        grep -q -- "$message" err.txt || fail "'parley $command': $(cat err.txt)"
      done
    }
    try_all afile "afile is not a Parley database"
    [ "$(cat afile)" = 'not a database' ] || fail "afile changed"
    try_all other "other is not a Parley database"
    [ "$(ls other)" = file ] || fail "other changed: $(ls other)"
    # An unreadable directory: root reads it whatever its mode, so as root
    # the commands run as user nobody (setpriv); without setpriv that one
    # check is skipped.
    chmod 000 db
    if [ "$(id -u)" -ne 0 ]; then
      try_all db "db: Permission denied"
    elif command -v setpriv >/dev/null &&
      chmod 711 "$work" && setpriv --reuid=65534 --regid=65534 --clear-groups -- "$parley" --version >/dev/null 2>&1; then
      try_all db "db: Permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups --
    else
      echo "SKIP (the unreadable directory only): running as root, and cannot run $parley as nobody"
    fi
    chmod 755 db
    sorted_nquads db | cmp - before.nq || fail "the database changed"
    ;;
  *)
    fail "unknown case $case_name"
    ;;
esac
echo "PASS $case_name"
