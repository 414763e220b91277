#!/usr/bin/env bash
# Collections completed per minute end to end (docs/benchmarks-collections.md): the packaged application (in-memory
# H2, software key store, demo firm) sends its e-mails over SMTP to the load generator bench/CollectionLoad.java,
# which creates and launches collections through the API and plays every signer on the signer's pages (link from
# the invitation e-mail, consent, code from the code e-mail, signature), then waits for the completion e-mails.
# Needs: java 17+, python3, curl, a built jar (mvn -DskipTests package).
# Usage: bench/collections.sh [collections per run, default 12] [signers per collection, default 3]
# JAVA_OPTS=... is passed to the application (e.g. -XX:StartFlightRecording=filename=target/collections.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
COLLECTIONS=${1:-12}
SIGNERS=${2:-3}
PORT=${PORT:-18082}
SMTP_PORT=${SMTP_PORT:-18025}
WORK=target/bench-collections
rm -rf "$WORK" && mkdir -p "$WORK"
JAR=$(ls target/paraphe-*.jar | grep -v original | head -n1)
export PARAPHE_DEMO_API_KEY="pph_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

java -Xmx768m ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" \
  --paraphe.pki.master-key-file="$WORK/master.key" --paraphe.signing.api-rate-limit.per-minute=1000000 \
  --paraphe.signing.api-rate-limit.max-per-minute=1000000 --paraphe.mail.mode=smtp \
  --spring.mail.host=127.0.0.1 --spring.mail.port="$SMTP_PORT" \
  --logging.level.root=warn > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

# The demo firm's owner logs in and credits the prepaid account (demonstration payment provider).
java bench/SealSetup.java "$PORT" 100000 1
python3 bench/one-page-pdf.py "$WORK/doc.pdf" "Lettre de mission"

# Warm-up (JIT, key pool), then one run with one collection at a time and one with four at a time.
java bench/CollectionLoad.java "$PORT" "$SMTP_PORT" "$PARAPHE_DEMO_API_KEY" "$WORK/doc.pdf" 4 "$SIGNERS" 2 > "$WORK/warm-up.txt"
for parallel in 1 4; do
  echo "--- $COLLECTIONS collections of $SIGNERS signers, $parallel at a time (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  java bench/CollectionLoad.java "$PORT" "$SMTP_PORT" "$PARAPHE_DEMO_API_KEY" "$WORK/doc.pdf" "$COLLECTIONS" "$SIGNERS" "$parallel"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $APP; wait $APP 2>/dev/null || true; trap - EXIT
