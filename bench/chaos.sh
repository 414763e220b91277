#!/usr/bin/env bash
# The chaos run of issue 12: three nodes of the packaged application on one PostgreSQL database, behind HAProxy on
# loopback (sessions in the database, no stickiness), under a bounded mixed load (bench/ChaosLoad.java). During the
# load one node is killed (kill -9) and restarted, and the nodes' database connections are cut twice
# (pg_terminate_backend). Then the invariants are checked and printed as a table; the script exits non-zero when one
# fails. About 5 minutes. Run by `mvn -Pchaos verify` (after the jar is built) and by .ci/run.
# Needs: java 17+, haproxy, psql (PostgreSQL on 127.0.0.1:5432, user postgres), curl, python3.
# Usage: bench/chaos.sh [load seconds, default 150]   Environment: CHAOS_DB (default paraphe_chaos), CHAOS_THREADS (6).
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS=${1:-150}
THREADS=${CHAOS_THREADS:-6}
DB=${CHAOS_DB:-paraphe_chaos}
PROXY_PORT=${CHAOS_PORT:-18180}
NODE_PORTS=($((PROXY_PORT + 1)) $((PROXY_PORT + 2)) $((PROXY_PORT + 3)))
WORK=target/chaos
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
JAR=$(ls target/paraphe-*.jar 2>/dev/null | grep -v original | head -n1 || true)
[ -n "$JAR" ] || { echo "No jar: run mvn -DskipTests package first" >&2; exit 2; }
for tool in haproxy psql curl java python3; do
  command -v "$tool" >/dev/null || { echo "chaos.sh needs $tool" >&2; exit 2; }
done
rm -rf "$WORK" && mkdir -p "$WORK"
export PARAPHE_DEMO_API_KEY="pph_chaos_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
sql() { "${PSQL[@]}" -d "$DB" -c "$1"; }

# The API keys' rate limit (120 a minute by default) is lifted: the load sends far more with one key, and the
# checks fetch every seal again by id afterwards.
# Short periods, so that a run of a few minutes sees every scheduled job several times, the resubmission of
# incomplete event publications and the release of reservations left by the killed node.
RESUBMIT_AFTER=15; RESUBMIT_EVERY=10; RESERVATION_TIMEOUT=30; RESERVATION_EVERY=10; KEY_POOL_EVERY=10
CRL_EVERY=20; AUDIT_EVERY=20; REGISTRATION_EVERY=20
declare -A PERIOD=([event-resubmission]=$RESUBMIT_EVERY [billing-stale-reservations]=$RESERVATION_EVERY
  [pki-key-pool]=$KEY_POOL_EVERY [pki-crl-refresh]=$CRL_EVERY [audit-chain-check]=$AUDIT_EVERY
  [registration-housekeeping]=$REGISTRATION_EVERY)

PIDS=()
start_node() {
  local n=$1 port=${NODE_PORTS[$1]}
  mkdir -p "$WORK/node$n"
  PARAPHE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PARAPHE_DB_USER=postgres PARAPHE_DB_POOL_SIZE=10 \
  PARAPHE_TEMP_DIR="$PWD/$WORK/node$n/tmp" \
  java -Xmx384m -XX:+UseSerialGC -jar "$JAR" --spring.profiles.active=postgres --server.port="$port" \
    --paraphe.pki.master-key-file="$PWD/$WORK/master.key" --logging.level.root=warn \
    --paraphe.events.resubmit-after=PT${RESUBMIT_AFTER}S --paraphe.events.resubmit-every=PT${RESUBMIT_EVERY}S \
    --paraphe.billing.reservation-timeout=PT${RESERVATION_TIMEOUT}S \
    --paraphe.billing.reservation-check-every=PT${RESERVATION_EVERY}S --paraphe.pki.key-pool-delay=PT${KEY_POOL_EVERY}S \
    --paraphe.pki.crl-check-delay=PT${CRL_EVERY}S --paraphe.audit.check-every=PT${AUDIT_EVERY}S \
    --paraphe.registration.housekeeping-interval=PT${REGISTRATION_EVERY}S \
    --paraphe.signing.api-rate-limit.per-minute=1000000 --paraphe.signing.api-rate-limit.max-per-minute=1000000 \
    >> "$WORK/node$n/app.log" 2>&1 &
  PIDS[$n]=$!
}
wait_node() {
  local port=${NODE_PORTS[$1]}
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1 && return 0
    curl -sf -o /dev/null "http://127.0.0.1:$port/tarifs" 2>/dev/null && return 0; sleep 1; done
  echo "node $1 did not start; see $WORK/node$1/app.log" >&2; tail -30 "$WORK/node$1/app.log" >&2; return 1
}
# The killed node, as a supervisor (systemd's Restart=on-failure) would bring it back: a start whose database
# connections are cut while it migrates or loads (the cuts below may fall in its start-up) exits, and is started again.
STARTS=1
wait_restarted() {
  local n=$1 port=${NODE_PORTS[$1]}
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1 && return 0
    if ! kill -0 "${PIDS[$n]}" 2>/dev/null && [ "$STARTS" -lt 3 ]; then
      STARTS=$((STARTS + 1)); event restart
      echo "$(date +%T) node $n exited while starting (see $WORK/node$n/app.log); started again"
      start_node "$n"
    fi
    sleep 1
  done
  echo "node $n did not start after $STARTS starts; see $WORK/node$n/app.log" >&2; tail -30 "$WORK/node$n/app.log" >&2
  return 1
}
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# The first node migrates the schema and makes the master key, then the two others join.
start_node 0; wait_node 0
start_node 1; start_node 2; wait_node 1; wait_node 2

cat > "$WORK/haproxy.cfg" <<EOF
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 90s
  timeout server 90s
  timeout check 10s
  retries 2
  option redispatch
frontend paraphe
  bind 127.0.0.1:$PROXY_PORT
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /tarifs
  default-server inter 2s fall 3 rise 2
  http-response set-header X-Node %s
  server node0 127.0.0.1:${NODE_PORTS[0]} check
  server node1 127.0.0.1:${NODE_PORTS[1]} check
  server node2 127.0.0.1:${NODE_PORTS[2]} check
EOF
haproxy -f "$WORK/haproxy.cfg" -D -p "$WORK/haproxy.pid"
PROXY="http://127.0.0.1:$PROXY_PORT"

# The demo firm's owner accepts the CGU and credits the account (through node 0: its login goes to node 0's
# demonstration provider), then a one-page PDF to seal.
java bench/SealSetup.java "${NODE_PORTS[0]}" 100000 1 > "$WORK/setup.log"
python3 bench/one-page-pdf.py "$WORK/doc.pdf" "Lettre de mission"

jobs_runs() { sql "SELECT name || ' ' || runs FROM scheduled_job_lock ORDER BY name" > "$1"; }
# What happened when (epoch milliseconds), for telling what caused each failed request.
event() { echo "$(date +%s%3N) $1" >> "$WORK/events.txt"; }
cut_connections() {
  local cut
  event cut-start
  cut=$(sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()")
  event cut-end
  echo "$(date +%T) cut $cut database connections"
}

sleep 12   # every job claimed once, so that the window below counts whole periods
jobs_runs "$WORK/jobs-before.txt"
LOAD_START=$(date +%s)
NODES="http://localhost:${NODE_PORTS[0]} http://localhost:${NODE_PORTS[1]} http://localhost:${NODE_PORTS[2]}"
# shellcheck disable=SC2086
java bench/ChaosLoad.java load "$PROXY" "$LOAD_SECONDS" "$THREADS" "$WORK" $NODES > "$WORK/load.log" 2>&1 &
LOAD=$!
at() { local t=$1; local now=$(( $(date +%s) - LOAD_START )); [ "$t" -gt "$now" ] && sleep $((t - now)) || true; }
KILLED=1
at $((LOAD_SECONDS * 25 / 100)); event kill; kill -9 "${PIDS[$KILLED]}"; echo "$(date +%T) node $KILLED killed (kill -9)"
LEFT_BY_KILL=$(find "$WORK/node$KILLED/tmp" -type f | wc -l)
at $((LOAD_SECONDS * 35 / 100)); start_node $KILLED; echo "$(date +%T) node $KILLED restarting"
at $((LOAD_SECONDS * 50 / 100)); cut_connections
at $((LOAD_SECONDS * 75 / 100)); cut_connections
wait_restarted $KILLED; event up
wait $LOAD
LOAD_END=$(date +%s)
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load finished; waiting for resubmission ($RESUBMIT_AFTER s + $RESUBMIT_EVERY s) and housekeeping ($RESERVATION_TIMEOUT s)"
sleep $(( (RESUBMIT_AFTER + 2 * RESUBMIT_EVERY > RESERVATION_TIMEOUT + 2 * RESERVATION_EVERY ? RESUBMIT_AFTER + 2 * RESUBMIT_EVERY : RESERVATION_TIMEOUT + 2 * RESERVATION_EVERY) + 5 ))
sleep $AUDIT_EVERY   # one more audit check after the last entry
jobs_runs "$WORK/jobs-after.txt"
WINDOW=$(( $(date +%s) - LOAD_START ))

# The invariants. Each row: what | measured | expected | ok.
"${PSQL[@]}" -d "$DB" -c "CREATE TABLE chaos_seal (kind TEXT, status INT, id TEXT, sha256 TEXT, idem TEXT)"
"${PSQL[@]}" -d "$DB" -c "\\copy chaos_seal FROM '$WORK/seals.tsv'"
ROWS=()
row() { local ok=FAILED; [ "$2" = "$3" ] && ok=ok; ROWS+=("$1|$2|$3|$ok"); }
row_range() { local ok=FAILED; [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] && ok=ok; ROWS+=("$1|$2|$3..$4|$ok"); }
SEALS=$(sql "SELECT count(DISTINCT id) FROM chaos_seal WHERE status = 200")
row "200 seals (distinct documents)" "$SEALS" "$SEALS"
row "200 seals with exactly one debit" "$(sql "SELECT count(*) FROM (SELECT DISTINCT id FROM chaos_seal WHERE status = 200) s
  WHERE (SELECT count(*) FROM billing_entry e WHERE e.kind = 'DEBIT' AND e.idempotency_key = 'seal:' || s.id) = 1")" "$SEALS"
row "200 seals with exactly one audit entry" "$(sql "SELECT count(*) FROM (SELECT DISTINCT id FROM chaos_seal WHERE status = 200) s
  WHERE (SELECT count(*) FROM audit_entry a WHERE a.action = 'signing.document.sealed'
         AND a.details LIKE '%\"document\":\"' || s.id || '\"%') = 1")" "$SEALS"
row "seal debits without their document" "$(sql "SELECT count(*) FROM billing_entry e WHERE e.kind = 'DEBIT'
  AND e.idempotency_key LIKE 'seal:%' AND NOT EXISTS (SELECT 1 FROM signing_idempotent_seal d
  WHERE 'seal:' || d.document_id = e.idempotency_key)")" 0
row "seal debits without their audit entry" "$(sql "SELECT count(*) FROM billing_entry e WHERE e.kind = 'DEBIT'
  AND e.idempotency_key LIKE 'seal:%' AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'signing.document.sealed'
  AND 'seal:' || substring(a.details FROM '\"document\":\"([0-9a-f-]+)\"') = e.idempotency_key)")" 0
row "audit entries recorded twice (same event)" "$(sql "SELECT count(*) FROM (SELECT event_id FROM audit_entry
  WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1) d")" 0
row "firms whose balance differs from the ledger" "$(sql "SELECT count(*) FROM billing_account a WHERE a.balance_cents <>
  (SELECT COALESCE(SUM(CASE WHEN kind IN ('CREDIT', 'RELEASE') THEN amount_cents ELSE -amount_cents END), 0)
   FROM billing_entry e WHERE e.firm_id = a.firm_id)")" 0
row "reservations still active after the timeout" "$(sql "SELECT count(*) FROM billing_reservation WHERE status = 'ACTIVE'")" 0
row "audit chain checked after the load, intact" "$(sql "SELECT count(*) FROM audit_check WHERE broken_chain IS NULL
  AND checked_at > to_timestamp($LOAD_END)")" 1
row "incomplete event publications" "$(sql "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")" 0
row "temporary files left on the nodes" "$(find "$WORK"/node*/tmp -type f | wc -l)" 0
while read -r name after; do
  before=$(awk -v n="$name" '$1 == n {print $2}' "$WORK/jobs-before.txt"); before=${before:-0}
  period=${PERIOD[$name]:-}
  [ -n "$period" ] || continue
  # Claimed for nine tenths of its period: at most one run per 0.9 period in the window, plus the one at its edge.
  most=$(( WINDOW * 10 / (period * 9) + 1 ))
  row_range "job $name: runs in ${WINDOW}s, every ${period}s on 3 nodes" "$((after - before))" 1 "$most"
done < "$WORK/jobs-after.txt"
# A request that lost its database (a node killed, connections cut) is 503 to retry, never 500 (issue 12).
row "500s answered by a node (the application)" "$(awk -F'\t' '$4 == 500 && $5 != "proxy"' "$WORK/failures.tsv" | wc -l)" 0
CHECK_OUT=$(java bench/ChaosLoad.java check "$PROXY" "$WORK") || true
while IFS='|' read -r name value expected ok; do [ -n "$name" ] && ROWS+=("$name|$value|$expected|$ok"); done <<< "$CHECK_OUT"

echo
echo "Requests (kind, status: count):"
sed 's/^/  /' "$WORK/statuses.txt"
echo
# Each 5xx answer and broken exchange, by cause: sent to (or answered by) the killed node between its kill and its
# return, in flight while the connections were being cut, or neither. HAProxy's own answers say "proxy"; the
# application's carry the node's name.
python3 - "$WORK" "node$KILLED" > "$WORK/failures.txt" <<'PY' || echo "(the failures could not be classified)" > "$WORK/failures.txt"
import collections, sys
work, killed = sys.argv[1:3]
events = [line.split() for line in open(f"{work}/events.txt")]
at = lambda name: [int(t) for t, what in events if what == name]
kill, up = at("kill")[0], at("up")[0]
cuts = list(zip(at("cut-start"), at("cut-end")))
counts = collections.Counter()
for line in open(f"{work}/failures.tsv"):
    start, end, what, outcome, by = line.rstrip("\n").split("\t")
    start, end = int(start), int(end)
    if start <= up + 5000 and end >= kill and by in (killed, "proxy", "-"):
        cause = "node killed (kill -9 until up again)"
    elif any(start <= cut_end + 1000 and end >= cut_start for cut_start, cut_end in cuts):
        cause = "connections cut"
    else:
        cause = "neither (unexplained)"
    app = "no answer" if not outcome.isdigit() else ("HAProxy" if by == "proxy" else "application")
    counts[(cause, what, outcome, app)] += 1
for (cause, what, outcome, app), n in sorted(counts.items()):
    print(f"{cause:38} {what + ' ' + outcome:36} {app:12} {n:5}")
PY
echo "Failed requests (5xx answers and broken exchanges), by cause (kind, outcome, answered by: count):"
if [ -s "$WORK/failures.txt" ]; then sed 's/^/  /' "$WORK/failures.txt"; else echo "  none"; fi
echo
printf '| %-62s | %-12s | %-8s | %-6s |\n' check measured expected result
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..64})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..8})"
FAILED=0
for r in "${ROWS[@]}"; do
  IFS='|' read -r name value expected ok <<< "$r"
  printf '| %-62s | %-12s | %-8s | %-6s |\n' "$name" "$value" "$expected" "$ok"
  [ "$ok" = ok ] || FAILED=$((FAILED + 1))
done
echo
echo "load: ${LOAD_SECONDS}s, $THREADS threads; node $KILLED killed at 25 % (leaving $LEFT_BY_KILL temporary files, deleted"\
  "when it started again), restarted at 35 % ($STARTS start(s): a start cut short by a cut is started again);"\
  "connections cut at 50 % and 75 %"
echo "load average at the end of the load: $LOADAVG"
if [ "$FAILED" -gt 0 ]; then echo "CHAOS RUN FAILED: $FAILED checks" >&2; exit 1; fi
echo "CHAOS RUN PASSED"
