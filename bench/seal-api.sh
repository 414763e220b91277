#!/usr/bin/env bash
# Sealed documents per second through POST /api/v1/seals on loopback, at B-B and B-LT, with 1, 2 and 8 connections
# (wrk), against the packaged application (in-memory H2, software key store, demo firm). docs/benchmarks-signing.md.
# Needs: wrk (Debian package wrk), python3, a built jar (mvn -DskipTests package).
# Usage: bench/seal-api.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
PORT=${PORT:-18081}
WORK=target/bench-seal
rm -rf "$WORK" && mkdir -p "$WORK"
JAR=$(ls target/paraphe-*.jar | grep -v original | head -n1)
export PARAPHE_DEMO_API_KEY="pph_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

java -Xmx512m -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" \
  --paraphe.pki.master-key-file="$WORK/master.key" --paraphe.signing.api-rate-limit.per-minute=1000000 \
  --paraphe.signing.api-rate-limit.max-per-minute=1000000 --logging.level.root=warn > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

# The demo firm's owner logs in, accepts the CGU and credits the account (demonstration payment provider):
# 5 × 100,000 € covers about a million seals at the default tariff.
java bench/SealSetup.java "$PORT" 100000 5

# A one-page PDF, then the multipart bodies (file + level).
python3 bench/one-page-pdf.py "$WORK/doc.pdf" "Attestation de mission"
BOUNDARY=paraphebench
for level in B-B B-LT; do
  { printf -- '--%s\r\nContent-Disposition: form-data; name="level"\r\n\r\n%s\r\n' "$BOUNDARY" "$level"
    printf -- '--%s\r\nContent-Disposition: form-data; name="file"; filename="doc.pdf"\r\nContent-Type: application/pdf\r\n\r\n' "$BOUNDARY"
    cat "$WORK/doc.pdf"
    printf -- '\r\n--%s--\r\n' "$BOUNDARY"; } > "$WORK/body-$level"
done
TYPE="multipart/form-data; boundary=$BOUNDARY"

# The answers are sealed PDFs.
for level in B-B B-LT; do
  code=$(curl -s -o "$WORK/sealed-$level.pdf" -w '%{http_code}' -H "Authorization: Bearer $PARAPHE_DEMO_API_KEY" \
    -F file=@"$WORK/doc.pdf" -F level="$level" "http://127.0.0.1:$PORT/api/v1/seals")
  [ "$code" = 200 ] && grep -aq '/ByteRange' "$WORK/sealed-$level.pdf" || { echo "seal at $level failed: HTTP $code" >&2; exit 1; }
done

# Warm the JIT, then one run per level and connection count.
BODY="$WORK/body-B-LT" TYPE="$TYPE" KEY="$PARAPHE_DEMO_API_KEY" wrk -t2 -c4 -d5s -s bench/seal.lua "http://127.0.0.1:$PORT/api/v1/seals" >/dev/null
printf '%-6s %12s %12s %12s\n' level "1 conn" "2 conn" "8 conn"
for level in B-B B-LT; do
  line=$(printf '%-6s' "$level")
  for connections in 1 2 8; do
    threads=$(( connections < 2 ? 1 : 2 ))
    out="$WORK/$level-$connections.txt"
    BODY="$WORK/body-$level" TYPE="$TYPE" KEY="$PARAPHE_DEMO_API_KEY" \
      wrk -t"$threads" -c"$connections" -d"${SECONDS_PER_RUN}s" --latency -s bench/seal.lua \
      "http://127.0.0.1:$PORT/api/v1/seals" > "$out"
    if grep -qE 'Non-2xx|Socket errors' "$out"; then grep -E 'Non-2xx|Socket errors' "$out" | sed "s/^/$level c$connections: /" >&2; fi
    line+=$(printf ' %8.1f/s' "$(awk '/Requests\/sec/ {print $2}' "$out")")
  done
  echo "$line"
done
echo "latency at 8 connections (B-LT): $(awk '/50%/ {print "p50 " $2} /99%/ {print "p99 " $2}' "$WORK/B-LT-8.txt" | tr '\n' ' ')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $APP; wait $APP 2>/dev/null || true; trap - EXIT
