#!/usr/bin/env bash
# Installs what is missing, builds, creates the bundled sample database
# (build/sample.db, from schema/sample/) and shows what it holds: its
# statistics, a SPARQL query, and the whole sample as TriG. (The interactive
# shell is not built yet; until it is, this is the main job.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -Wno-dev -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target parley_shell

db=build/sample.db
rm -rf "$db"
./build/tools/parley load "$db" schema/sample/trade-talks-2019-02-15.trig
./build/tools/parley stats "$db"
echo
echo "--- who said what, by source (./build/tools/parley query $db -e '...')"
./build/tools/parley query "$db" --format table -e '
PREFIX ex: <http://example.org/neg#>
SELECT ?source ?speaker ?statement WHERE {
  GRAPH ?source { ?statement a ex:Statement . OPTIONAL { ?statement ex:speaker ?speaker } }
} ORDER BY ?source ?statement'
echo
echo "--- the sample as TriG (./build/tools/parley export $db --format trig)"
./build/tools/parley export "$db" --format trig
