#!/usr/bin/env bash
# Demonstrates that LabLedger survives a database outage without a restart: readiness goes DOWN and the
# API answers 503 while PostgreSQL is away, and both come back by themselves when it returns.
#
# Uses a THROWAWAY PostgreSQL cluster of its own (scripts/lib/throwaway-pg.sh: a temp dir, port 5499 by
# default, not registered with postgresql-common), never the shared server: creates it, runs the packaged
# jar (target/quarkus-app, build it with ./mvnw package) against it on port 8087, stops and restarts only
# that cluster, prints the timings, then stops the jar and deletes the cluster. Debian/Ubuntu server
# binaries, as root. bench/fault.sh does the same under a read + write load.
#
#   scripts/db-outage-check.sh            OUTAGE_PORT=5499 APP_PORT=8087 DOWN_SECONDS=10 by default
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/throwaway-pg.sh
source scripts/lib/throwaway-pg.sh
DB_PORT="${OUTAGE_PORT:-5499}"
APP_PORT="${APP_PORT:-8087}"
DOWN_SECONDS="${DOWN_SECONDS:-10}"
BASE="http://localhost:$APP_PORT"
APP_LOG=target/db-outage-check-app.log

log() { printf '[outage %6.2fs] %s\n' "$(elapsed)" "$*"; }
now() { date +%s.%N; }
T0=$(now)
elapsed() { echo "$(now) - $T0" | bc; }
since() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }

[ -f target/quarkus-app/quarkus-run.jar ] || { echo "build first: ./mvnw -B package -DskipTests"; exit 1; }

APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  tpg_destroy
}
trap cleanup EXIT

status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE$1" || true; }
# polls until GET $1 answers $2; prints the seconds it took
wait_for() {
  local path=$1 want=$2 start; start=$(now)
  for _ in $(seq 1 600); do
    [ "$(status "$path")" = "$want" ] && { since "$start"; return 0; }
    sleep 0.1
  done
  echo "timeout waiting for $path -> $want" >&2; return 1
}

log "creating a throwaway PostgreSQL $TPG_VER cluster on port $DB_PORT"
tpg_create "$DB_PORT"
tpg_start
tpg_database labledger_outage labledger labledger

log "starting the packaged jar on :$APP_PORT against localhost:$DB_PORT/labledger_outage"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$DB_PORT/labledger_outage" \
  java -Dquarkus.http.port="$APP_PORT" -jar target/quarkus-app/quarkus-run.jar >"$APP_LOG" 2>&1 &
APP_PID=$!
log "ready after $(wait_for /q/health/ready 200)s; /api/labs -> $(status /api/labs)"

log "STOPPING PostgreSQL (pg_ctl stop -m fast)"
tpg_stop fast
stopped=$(now)
log "readiness DOWN (503) after $(wait_for /q/health/ready 503)s"
start=$(now); code=$(status /api/labs)
log "GET /api/labs -> $code in $(since "$start")s"
curl -s -D - --max-time 10 "$BASE/api/labs/anthropic" | grep -iE '^(HTTP|content-type|retry-after)|^\{' | sed 's/^/    /'
start=$(now); code=$(status /q/health/live)
log "GET /q/health/live -> $code in $(since "$start")s"

sleep "$DOWN_SECONDS"
log "STARTING PostgreSQL again (down for $(since "$stopped")s)"
started=$(now)
tpg_start
log "PostgreSQL accepts connections $(since "$started")s after the start command"
log "readiness UP (200) after $(wait_for /q/health/ready 200)s more, same process (pid $APP_PID)"
first=$(status /api/labs)
log "first GET /api/labs after recovery -> $first; then $(wait_for /api/labs 200)s until 200"
ok=0
for _ in $(seq 1 20); do [ "$(status /api/labs/anthropic)" = 200 ] && ok=$((ok + 1)); done
log "20 further GET /api/labs/anthropic: $ok x 200"
log "app log: $APP_LOG"
[ "$ok" = 20 ]
