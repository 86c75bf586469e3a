#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds examples/standalone
# against it with find_package(parley) the way an application would, runs
# the result, and checks the pkg-config file too.
# Usage: install_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
src=$1
bin=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$bin" --prefix "$scratch/prefix" >/dev/null
cmake -S "$src/examples/standalone" -B "$scratch/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/build" >/dev/null
out=$(LD_LIBRARY_PATH="$scratch/prefix/lib" "$scratch/build/embed" "$scratch/db")
echo "$out"
grep -q 'quads reported by <http://example.org/data/news/wsj>: 2' <<<"$out"

# pkg-config: the flags resolve and a program links with them.
export PKG_CONFIG_PATH="$scratch/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs parley)
g++ "$src/examples/embed.cc" $flags -o "$scratch/embed_pc"
LD_LIBRARY_PATH="$scratch/prefix/lib" "$scratch/embed_pc" "$scratch/db2" >/dev/null
echo "install test: find_package and pkg-config builds ran"
