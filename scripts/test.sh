#!/usr/bin/env bash
# Installs what is missing, checks the formatting, builds, and runs every test:
#   0. clang-format --dry-run on every C++ file,
#   1. an AddressSanitizer + UndefinedBehaviorSanitizer build of all unit tests,
#   2. a ThreadSanitizer build of the engine, bulk-load and api tests,
#   3. a clang build of the libFuzzer targets, each run for a fixed number of inputs,
#   4. the plain Release build a user types first (default options: warnings
#      are not errors there, since a newer compiler's new warning must not
#      stop a user's build): unit tests, file-driven tests, W3C suites (per-suite
#      pass counts are printed), the embedding example against the installed
#      package. Its CTest summary is the last line printed.
# Usage: scripts/test.sh [--quick]   (--quick: only step 4)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

jobs=$(nproc)
SECONDS=0
step() { echo "=== [${SECONDS}s] $*"; }
# Every build but the last treats warnings as errors.
configure() {  # DIR CMAKE-ARGS...
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -Wno-dev -DPARLEY_WERROR=ON "$@" >/dev/null
}
# ccache (installed by install-deps.sh) shares objects between the build
# trees and across runs; paths are made relative so that a fresh clone in
# another folder hits the same cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
build() {  # DIR [TARGET...]
  local dir=$1
  shift
  cmake --build "$dir" -j"$jobs" ${1:+--target "$@"}
}

if [[ "${1:-}" != "--quick" ]]; then
  step "clang-format: every C++ file as .clang-format says"
  git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run -Werror

  step "ASan+UBSan build: unit tests"
  configure build-asan -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=address,undefined \
    -DPARLEY_BUILD_BENCH=OFF
  build build-asan
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp ctest --output-on-failure -j"$jobs" -LE 'w3c|slow')

  # Every test of the folders whose code runs threads: the engine (readers
  # beside a writer, RocksDB's threads through the fault injection), the
  # bulk loader and eraser (encoder, sorter and writer threads) and the api
  # (loads, the two-thread dump export). The crash tests are left out: they
  # test killed processes, not threads, and run long under TSan.
  step "ThreadSanitizer build: the engine, bulk and api tests"
  configure build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_SANITIZE=thread \
    -DPARLEY_BUILD_BENCH=OFF
  build build-tsan parley_engine_tests parley_engine_bulk_tests parley_api_tests
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/../tests/tsan.supp" \
    ctest --output-on-failure -j"$jobs" -L '^(engine|engine/bulk|api)$' -E 'Crash|BulkFault')

  if compgen -G "tests/fuzz/*.cc" >/dev/null; then
    step "clang + libFuzzer build: fuzz targets"
    configure build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ -DPARLEY_BUILD_BENCH=OFF
    build build-fuzz dump_reader_fuzz dump_fuzz_seeds rdf_reader_fuzz sparql_parser_fuzz sparql_eval_fuzz w3c_fuzz_seeds
    (cd build-fuzz && ctest --output-on-failure -L fuzz)
  fi
fi

step "Release build, default options: all tests"
cmake -S . -B build-release -G Ninja -Wno-dev -DCMAKE_BUILD_TYPE=Release -DPARLEY_WERROR=OFF >/dev/null
build build-release
# The W3C suites' pass counts, one line per suite (the full run below runs
# them again, quietly, with everything else).
(cd build-release && ctest -L w3c --output-on-failure -V | grep -E '^[0-9]+: w3c ' | sed 's/^[0-9]*: //')
(cd build-release && ctest --output-on-failure -j"$jobs")
