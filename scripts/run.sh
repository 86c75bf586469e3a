#!/usr/bin/env bash
# Installs what is missing, builds, creates the bundled sample database
# (build/sample.db, from schema/sample/) when it is missing or older than
# the sample, and opens the
# `parley` shell on it. When stdin is not a terminal it runs a few example
# questions instead and prints their answers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -Wno-dev -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target parley_shell

parley=./build/tools/parley
db=build/sample.db
sample=schema/sample/trade-talks-2019-02-15.trig
if [ ! -d "$db" ] || [ "$sample" -nt "$db" ]; then  # missing, or the sample changed
  rm -rf "$db"
  "$parley" load "$db" "$sample"
  "$parley" "$db" -c '.prefix ex http://example.org/neg#'
fi

if [ -t 0 ]; then
  exec "$parley" "$db"
fi
echo "--- stdin is not a terminal: the example questions (scripts/examples.parley)"
"$parley" "$db" <scripts/examples.parley
