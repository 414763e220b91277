#!/usr/bin/env bash
# Benchmarks of the trust services (docs/benchmarks.md): OCSP and TSA throughput over HTTP with wrk, beside a
# static 1 KB response of the same server, and the JVM's raw ECDSA P-256 signing rate.
# Needs: wrk (Debian package wrk), openssl, a built jar (mvn -DskipTests package). Usage: bench/run.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
PORT=${PORT:-18080}
CONNECTIONS=${CONNECTIONS:-16}
WORK=target/bench
rm -rf "$WORK" && mkdir -p "$WORK"
JAR=$(ls target/paraphe-*.jar | grep -v original | head -n1)

java -Xmx512m -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" \
  --paraphe.pki.master-key-file="$WORK/master.key" \
  --spring.web.resources.static-locations=file:bench/static/,classpath:/static/ \
  --logging.level.root=warn > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/pki/ca/root.pem" -o "$WORK/root.pem" && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/pki/ca/personnes.pem" -o "$WORK/personnes.pem"

# OCSP: the status of "Paraphe Personnes" asked of the root, with and without nonce.
openssl ocsp -issuer "$WORK/root.pem" -cert "$WORK/personnes.pem" -no_nonce -reqout "$WORK/ocsp.der" >/dev/null
openssl ocsp -issuer "$WORK/root.pem" -cert "$WORK/personnes.pem" -reqout "$WORK/ocsp-nonce.der" >/dev/null
OCSP_GET=$(base64 -w0 "$WORK/ocsp.der" | sed 's/+/%2B/g; s/=/%3D/g')
# TSA: a SHA-256 query asking for the certificate.
echo "Lettre de mission" > "$WORK/doc.txt"
openssl ts -query -data "$WORK/doc.txt" -sha256 -cert -out "$WORK/query.tsq" 2>/dev/null

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
run() { # name, then wrk arguments
  local name=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" > "$WORK/$name.txt"
  if grep -qE 'Non-2xx|Socket errors' "$WORK/$name.txt"; then grep -E 'Non-2xx|Socket errors' "$WORK/$name.txt" | sed "s/^/$name: /" >&2; fi
  rate "$WORK/$name.txt"
}
BC=$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.84/bcprov-jdk18on-1.84.jar)

# Warm the JIT on every path first.
for url in "css/bench-1k.css" "pki/ocsp/$OCSP_GET"; do wrk -t1 -c4 -d5s "http://127.0.0.1:$PORT/$url" >/dev/null; done
BODY="$WORK/ocsp-nonce.der" TYPE=application/ocsp-request wrk -t1 -c4 -d5s -s bench/post.lua "http://127.0.0.1:$PORT/pki/ocsp" >/dev/null
BODY="$WORK/query.tsq" TYPE=application/timestamp-query wrk -t1 -c4 -d5s -s bench/post.lua "http://127.0.0.1:$PORT/pki/tsa" >/dev/null

# The machine is shared: each round measures everything back to back, and the ratios are taken per round.
printf '%-6s %10s %10s %10s %10s %10s %10s %8s %8s\n' round static ocsp-get ocsp-post ocsp-nonce tsa raw-sign \
  ocsp/st tsa/raw
for round in $(seq 1 "${ROUNDS:-3}"); do
  static=$(run "static-$round" "http://127.0.0.1:$PORT/css/bench-1k.css")
  get=$(run "ocsp-get-$round" "http://127.0.0.1:$PORT/pki/ocsp/$OCSP_GET")
  post=$(BODY="$WORK/ocsp.der" TYPE=application/ocsp-request run "ocsp-post-$round" -s bench/post.lua "http://127.0.0.1:$PORT/pki/ocsp")
  nonce=$(BODY="$WORK/ocsp-nonce.der" TYPE=application/ocsp-request run "ocsp-nonce-$round" -s bench/post.lua "http://127.0.0.1:$PORT/pki/ocsp")
  tsa=$(BODY="$WORK/query.tsq" TYPE=application/timestamp-query run "tsa-$round" -s bench/post.lua "http://127.0.0.1:$PORT/pki/tsa")
  # The raw rate in its own JVM while the server idles: Bouncy Castle, the TSA's provider.
  raw=$(java -cp "$BC" bench/RawSign.java 2 "$SECONDS_PER_RUN" BC | awk '{print $(NF-1)}')
  printf '%-6s %10.0f %10.0f %10.0f %10.0f %10.0f %10.0f %7.0f%% %7.0f%%\n' "$round" "$static" "$get" "$post" "$nonce" \
    "$tsa" "$raw" "$(echo "100*$nonce/$static" | bc -l)" "$(echo "100*$tsa/$raw" | bc -l)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# The responses are real: openssl reads them.
curl -sf -H 'Content-Type: application/timestamp-query' --data-binary @"$WORK/query.tsq" "http://127.0.0.1:$PORT/pki/tsa" -o "$WORK/reply.tsr"
openssl ts -reply -in "$WORK/reply.tsr" -text 2>/dev/null | grep -E 'Status:|Serial number' | tr '\n' ' '; echo
kill $APP; wait $APP 2>/dev/null || true; trap - EXIT
java -cp "$BC" bench/RawSign.java 2 5
