#!/usr/bin/env bash
# Installs what is missing, builds, creates the bundled sample database
# (build/sample.db, from schema/sample/) and shows what it holds.
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
echo "--- the sample as TriG (./build/tools/parley export $db --format trig)"
./build/tools/parley export "$db" --format trig
