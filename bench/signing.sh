#!/usr/bin/env bash
# Signatures per second of Paraphe's PAdES engine (module pades, fr.paraphe.pades.SigningBenchmark) beside the raw key-store rate (hash once + one private-key operation)
# and EU DSS 6.4 signing the same documents with the same key at the same level: 1 and 50 pages, B-B/B-T/B-LT/B-LTA,
# P-256 and RSA-3072, 1 and 2 threads, in one JVM (about 4 minutes). Filters: BENCH_LEVELS=B-B,B-LT BENCH_THREADS=1
# BENCH_KEYS=P-256 BENCH_DOCUMENTS=1 (or 50).
# Usage: bench/signing.sh [seconds per measure, default 1.5]   (from anywhere)
#
# bench/signing.sh firms [seconds per run, default 15]: seals per second through POST /api/v1/seals (wrk, 8
# connections) of ONE firm beside EIGHT firms, at B-B and B-LT, in one run (fr.paraphe.signing.SealFirmsBenchmark;
# needs wrk), phases in the order one, eight, eight, one (BENCH_ORDER=one-first or eight-first for one phase each;
# warm-up rounds of BENCH_WARMUP seconds, default 5, until the JIT settles: two rounds in a row with the
# compilers under BENCH_JIT_SETTLED of a core, default 0.10, at most BENCH_WARMUP_MAX seconds, default 180).
# On the in-memory H2 by default; on PostgreSQL with
# BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db>.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = firms ]; then
  exec mvn -q -B -o test -Dtest=fr.paraphe.signing.SealFirmsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.seconds="${2:-15}" ${BENCH_ORDER:+-Dbench.order=$BENCH_ORDER} ${BENCH_WARMUP:+-Dbench.warmup=$BENCH_WARMUP} \
    ${BENCH_WARMUP_MAX:+-Dbench.warmup-max=$BENCH_WARMUP_MAX} ${BENCH_JIT_SETTLED:+-Dbench.jit-settled=$BENCH_JIT_SETTLED} \
    ${BENCH_DB_URL:+-Dparaphe.test.db.url=$BENCH_DB_URL -Dparaphe.test.db.user=postgres}
fi
exec mvn -q -B -o test -Dtest=fr.paraphe.pades.SigningBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.seconds="${1:-1.5}" \
  ${BENCH_LEVELS:+-Dbench.levels=$BENCH_LEVELS} ${BENCH_THREADS:+-Dbench.threads=$BENCH_THREADS} \
  ${BENCH_KEYS:+-Dbench.keys=$BENCH_KEYS} ${BENCH_DOCUMENTS:+-Dbench.documents=$BENCH_DOCUMENTS}
