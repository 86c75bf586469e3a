#!/usr/bin/env bash
# Installs every Debian package Parley needs to build, test and benchmark.
# Idempotent: packages already present are skipped, so repeated runs cost ~1 s.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build clang clang-format libclang-rt-14-dev
  librocksdb-dev capnproto libcapnp-dev libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libserd-dev serdi libedit-dev libcli11-dev libzstd-dev zlib1g-dev libxxhash-dev
  libpcre2-dev libicu-dev libssl-dev uuid-dev nlohmann-json3-dev ccache
  raptor2-utils  # rapper: the W3C SPARQL suites' RDF/XML files, as N-Triples
  python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
