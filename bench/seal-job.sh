#!/usr/bin/env bash
# Documents per second of a 1,000-document bulk sealing job (POST /api/v1/seal-jobs, one-page PDFs written by
# bench/one-page-pdf.py) at B-B and B-LT, from the POST to COMPLETED, beside the in-process engine's rate measured
# in the same JVM just before (fr.paraphe.signing.SealJobBenchmark; both warmed up until the JIT settles), then
# bench/signing.sh's engine figures for the same levels (P-256, 1 page, 1 and 2 threads) in the same run, and the
# job's rate as a share of bench/signing.sh's at 2 threads; the load average beside every figure.
# On the in-memory H2 by default; on PostgreSQL with BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db>.
# Usage: bench/seal-job.sh [documents, default 1000]   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench-seal-job
rm -f target/bench-seal-job/result.md target/bench-seal-job/signing.txt
python3 bench/one-page-pdf.py target/bench-seal-job/one-page.pdf "Bulletin de paie"
mvn -q -B -o test -Dtest=fr.paraphe.signing.SealJobBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.documents="${1:-1000}" -Dbench.pdf="$PWD/target/bench-seal-job/one-page.pdf" \
  ${BENCH_DB_URL:+-Dparaphe.test.db.url=$BENCH_DB_URL -Dparaphe.test.db.user=postgres} \
  | grep -E '^\||warm-up:|^usage|^threads' || true
echo "bench/signing.sh, same run (load $(cut -d' ' -f1-3 /proc/loadavg)):"
BENCH_LEVELS=B-B,B-LT BENCH_KEYS=P-256 BENCH_DOCUMENTS=1 bench/signing.sh | tee target/bench-seal-job/signing.txt
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The job (end to end, and the worker alone; the median of the measured jobs) against bench/signing.sh's Paraphe
# at 2 threads, level by level.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
for level in B-B B-LT; do
  engine=$(awk -v l="$level" '$1 == "P-256" && $6 == l && $7 == "2" { print $10 }' target/bench-seal-job/signing.txt | tail -n1)
  job=$(awk -F'|' -v l=" $level " '$2 == l { print $5 + 0 }' target/bench-seal-job/result.md | median)
  worker=$(awk -F'|' -v l=" $level " '$2 == l { print $9 + 0 }' target/bench-seal-job/result.md | median)
  if [ -n "$engine" ] && [ -n "$job" ]; then awk -v l="$level" -v e="$engine" -v j="$job" -v w="$worker" 'BEGIN {
    printf "%s: job %.1f docs/s (median) = %.0f %% of bench/signing.sh (%s/s at 2 threads); worker %.1f docs/s = %.0f %%\n",
      l, j, 100 * j / e, e, w, 100 * w / e }'; fi
done
