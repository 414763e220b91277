#!/usr/bin/env bash
# Webhook deliveries per second and the delay from event to delivery (p50/p99/max), with the application's own
# worker and a local receiver answering 200 (fr.paraphe.webhook.WebhookDeliveryBenchmark), load average beside.
# Usage: bench/webhooks.sh [events, default 2000]   (from anywhere)
# On the in-memory H2 by default; on PostgreSQL with BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db>.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -o test -Dtest=fr.paraphe.webhook.WebhookDeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="${1:-2000}" ${BENCH_DB_URL:+-Dparaphe.test.db.url=$BENCH_DB_URL -Dparaphe.test.db.user=postgres}
