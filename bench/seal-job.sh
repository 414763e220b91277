#!/usr/bin/env bash
# Documents per second of a 1,000-document bulk sealing job (POST /api/v1/seal-jobs, one-page PDFs written by
# bench/one-page-pdf.py) at B-B and B-LT, from the POST to COMPLETED, beside the in-process engine's rate measured
# in the same JVM just before (fr.paraphe.signing.SealJobBenchmark), then bench/signing.sh's engine figures for the
# same levels (P-256, 1 page, 1 and 2 threads) in the same run; the load average beside every figure.
# On the in-memory H2 by default; on PostgreSQL with BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db>.
# Usage: bench/seal-job.sh [documents, default 1000]   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench-seal-job
python3 bench/one-page-pdf.py target/bench-seal-job/one-page.pdf "Bulletin de paie"
mvn -q -B -o test -Dtest=fr.paraphe.signing.SealJobBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.documents="${1:-1000}" -Dbench.pdf="$PWD/target/bench-seal-job/one-page.pdf" \
  ${BENCH_DB_URL:+-Dparaphe.test.db.url=$BENCH_DB_URL -Dparaphe.test.db.user=postgres} | grep '^|' || true
echo "bench/signing.sh, same run (load $(cut -d' ' -f1-3 /proc/loadavg)):"
BENCH_LEVELS=B-B,B-LT BENCH_KEYS=P-256 BENCH_DOCUMENTS=1 bench/signing.sh
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
