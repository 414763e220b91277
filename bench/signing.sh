#!/usr/bin/env bash
# Signatures per second, Paraphe's PAdES engine against EU DSS 6.4 signing the same documents with the same key,
# at B-B and B-LT, one thread, in one JVM. Usage: bench/signing.sh [seconds per measure]   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -o test -Dtest=SigningBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.seconds="${1:-10}"

