#!/usr/bin/env bash
# Starts the benchmark peer, PostGraphile v4, over one of LabLedger's databases and prints its PID.
#
#   pid=$(bench/peer.sh DB PORT)        e.g. bench/peer.sh labledger_bench_m 5099
#   ... load http://127.0.0.1:PORT/graphql (bodies: bench/peer-queries.sh), read /proc/$pid ...
#   kill $pid
#
# Installs bench/peer's locked dependencies on first use (npm ci), starts one Node process (no cluster
# workers) in the background on 127.0.0.1:PORT, waits until it answers a GraphQL query, and prints only its
# PID on stdout. Logs go to target/bench-peer.log. The database is used as LabLedger left it: PostGraphile is
# configured from outside (CLI flags below, smart tags in bench/peer/postgraphile.tags.json5).
# Environment: PEER_POOL (PostgreSQL pool size, default 16 = LabLedger's maximum), PGHOST/PGPORT/PGUSER/
# PGPASSWORD (default 127.0.0.1, 5432, labledger, labledger).
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: bench/peer.sh DB PORT}"
port="${2:?usage: bench/peer.sh DB PORT}"
pool="${PEER_POOL:-16}"
conn="postgres://${PGUSER:-labledger}:${PGPASSWORD:-labledger}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$db"
root=$(pwd)
log="$root/target/bench-peer.log"
mkdir -p target

if [ ! -f bench/peer/node_modules/postgraphile/cli.js ]; then
  echo "[peer] npm ci in bench/peer" >&2
  (cd bench/peer && npm ci --silent --no-audit --no-fund) >&2
fi

# the like-for-like workload 3 (bench/peer/scorecards.sql: SQL functions PostGraphile exposes as computed columns
# of Lab); idempotent, and before the start, since PostGraphile reads the schema once at start-up
PGPASSWORD="${PGPASSWORD:-labledger}" psql -q -X -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-labledger}" -d "$db" \
  -f bench/peer/scorecards.sql >&2

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "[peer] port $port is already in use" >&2
  exit 1
fi

# Production-like: no GraphiQL, no watch mode, no query log, NODE_ENV=production; the flags the v4 CLI marks
# [RECOMMENDED] (-j, -N, --no-ignore-rbac, --no-ignore-indexes). Run from bench/peer so that PostGraphile reads
# postgraphile.tags.json5 from its working directory.
(
  cd bench/peer
  NODE_ENV=production exec node node_modules/postgraphile/cli.js \
    --connection "$conn" --schema public \
    --host 127.0.0.1 --port "$port" \
    --max-pool-size "$pool" \
    --disable-graphiql --disable-query-log \
    --dynamic-json --no-setof-functions-contain-nulls --no-ignore-rbac --no-ignore-indexes
) < /dev/null > "$log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "[peer] PostGraphile exited during start-up; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' \
      "http://127.0.0.1:$port/graphql"; then
    echo "$pid"
    exit 0
  fi
  sleep 0.5
done
echo "[peer] PostGraphile did not answer within 60 s; stopping it (log: $log)" >&2
kill "$pid" 2>/dev/null || true
exit 1
