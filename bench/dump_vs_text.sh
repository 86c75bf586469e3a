#!/bin/bash
# Dump vs text, end to end through the `parley` command:
#   bench/dump_vs_text.sh PARLEY_BINARY INPUT.nt [WORKDIR] [ROUNDS]
# Loads INPUT.nt, exports it as N-Quads and as dumps (zstd, plain, packed),
# loads the zstd dump into a fresh database, checks the round trip (the
# re-exported dump is byte-identical) and prints quads/s and bytes/quad.
# Then, ROUNDS times (default 3), interleaved so that both sides see the same
# machine: load the N-Triples and the zstd dump into fresh databases, export
# N-Quads and the zstd dump; prints each round and the medians and their
# ratios (the issue's bars: load 2x, export 5x).
set -euo pipefail
parley=$1
input=$2
work=${3:-$(mktemp -d)}
rounds=${4:-3}
mkdir -p "$work"
rm -rf "$work/text_db" "$work/dump_db"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

t0=$(now); "$parley" load "$work/text_db" "$input" >/dev/null; t1=$(now)
quads=$("$parley" stats "$work/text_db" | awk 'NR == 1 { print $1 }')
echo "quads: $quads"
echo "load N-Triples: $(secs "$t0" "$t1") s, $(rate "$quads" "$t0" "$t1") quads/s"

t0=$(now); "$parley" export "$work/text_db" --format nquads -o "$work/x.nq" 2>/dev/null; t1=$(now)
nq_bytes=$(wc -c <"$work/x.nq")
echo "export N-Quads: $(secs "$t0" "$t1") s, $(rate "$quads" "$t0" "$t1") quads/s, $nq_bytes bytes"
gz_bytes=$(gzip -6 -c "$work/x.nq" | wc -c)
echo "gzip -6 N-Quads: $gz_bytes bytes, $(awk -v b="$gz_bytes" -v n="$quads" 'BEGIN { printf "%.2f", b / n }') bytes/quad"

for variant in zstd plain packed; do
  case $variant in
    zstd) flags=() ;;
    plain) flags=(--no-zstd) ;;
    packed) flags=(--no-zstd --packed) ;;
  esac
  t0=$(now); "$parley" export "$work/text_db" "${flags[@]}" -o "$work/$variant.pdump" 2>/dev/null; t1=$(now)
  bytes=$(wc -c <"$work/$variant.pdump")
  echo "export dump ($variant): $(secs "$t0" "$t1") s, $(rate "$quads" "$t0" "$t1") quads/s," \
       "$(awk -v b="$bytes" -v n="$quads" 'BEGIN { printf "%.2f", b / n }') bytes/quad"
done

t0=$(now); "$parley" load "$work/dump_db" "$work/zstd.pdump" >/dev/null; t1=$(now)
echo "load dump (zstd): $(secs "$t0" "$t1") s, $(rate "$quads" "$t0" "$t1") quads/s"
t0=$(now); "$parley" export "$work/dump_db" -o "$work/again.pdump" 2>/dev/null; t1=$(now)
echo "export dump of the reloaded db (zstd): $(secs "$t0" "$t1") s, $(rate "$quads" "$t0" "$t1") quads/s"
if cmp -s "$work/zstd.pdump" "$work/again.pdump"; then
  echo "round trip: byte-identical"
else
  echo "round trip: DIFFERENT"
  exit 1
fi

echo "interleaved rounds: load nt | load dump | export nq | export dump (wall seconds, then CPU)"
: >"$work/rounds"
# Runs a command quietly; prints its wall and CPU (user + system) seconds.
# The CPU time tells a slow machine (both grow) from a stall (wall only).
timed() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
for ((round = 1; round <= rounds; round++)); do
  rm -rf "$work/r_text" "$work/r_dump"
  read -r w1 c1 <<<"$(timed "$parley" load "$work/r_text" "$input")"
  read -r w2 c2 <<<"$(timed "$parley" load "$work/r_dump" "$work/zstd.pdump")"
  read -r w3 c3 <<<"$(timed "$parley" export "$work/text_db" --format nquads -o "$work/x.nq")"
  read -r w4 c4 <<<"$(timed "$parley" export "$work/text_db" -o "$work/r.pdump")"
  echo "round $round: $w1 $w2 $w3 $w4   (CPU-s: $c1 $c2 $c3 $c4)"
  echo "$w1 $w2 $w3 $w4" >>"$work/rounds"
done
rm -rf "$work/r_text" "$work/r_dump" "$work/r.pdump"
m() { awk -v c="$1" '{ print $c }' "$work/rounds" | median; }
load_nt=$(m 1); load_dump=$(m 2); export_nq=$(m 3); export_dump=$(m 4)
echo "medians: load N-Triples $load_nt s, load dump $load_dump s:" \
     "$(awk -v a="$load_nt" -v b="$load_dump" 'BEGIN { printf "%.2f", a / b }')x"
echo "medians: export N-Quads $export_nq s, export dump $export_dump s:" \
     "$(awk -v a="$export_nq" -v b="$export_dump" 'BEGIN { printf "%.2f", a / b }')x"
