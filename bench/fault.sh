#!/usr/bin/env bash
# Fault run: stops PostgreSQL under a read + write load, starts it again, and checks that no acknowledged
# write is lost, that nothing answers 5xx other than 503 (problem+json with Retry-After) while the database
# is away, and how long the service takes to notice and to recover. Prints a Markdown report (also written
# to target/fault/report.md); exits 1 when a check fails.
#
#   bench/fault.sh [DURATION_S] [MODES]      defaults: 10 s per phase, MODES "fast immediate"
#                                            (a mode may repeat: "fast fast fast" = three outages)
#
# Per mode (pg_ctl stop -m fast: clean shutdown; -m immediate: the server is killed, crash recovery at
# start; freeze: kill -STOP of the server's processes, then -CONT: nothing is closed, nothing answers, as
# with a paused VM or a network that drops packets): DURATION_S healthy, stop PostgreSQL, DURATION_S down,
# start it, load until readiness is back, then DURATION_S more. All modes run against the same service
# process (each outage after the previous one recovered).
#
# Uses a THROWAWAY PostgreSQL cluster (scripts/lib/throwaway-pg.sh: a temp dir on FAULT_DB_PORT, default
# 5499), never the machine's server; the packaged jar (./mvnw package -DskipTests) on a free port.
# Load (modest on purpose, the machine is shared): wrk -t1 -c$FAULT_READ_CONNECTIONS, each connection
# pausing FAULT_READ_DELAY_MS between requests, alternately GET /api/labs/openai/scorecard and
# GET /api/questions?lab=openai; FAULT_WRITERS clients creating questions (POST /api/questions, unique keys)
# back to back; probes of /q/health/ready and /api/labs/anthropic every 100 ms. Needs wrk, python3, root.
# FAULT_JAVA_OPTS: extra JVM options for the service (-Dquarkus.…=… to try a setting).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
MODES="${2:-fast immediate}"
DB_PORT="${FAULT_DB_PORT:-5499}"
READ_CONNECTIONS="${FAULT_READ_CONNECTIONS:-4}"
READ_DELAY_MS="${FAULT_READ_DELAY_MS:-50}"
WRITERS="${FAULT_WRITERS:-2}"
JAVA_EXTRA="${FAULT_JAVA_OPTS:-}"   # e.g. -Dquarkus.datasource.jdbc.validation-query-timeout=2S, to try settings
OUT=target/fault
DB=labledger_fault

log() { echo "[fault $(date +%T)] $*" >&2; }
now_ms() { date +%s%3N; }

[ -f target/quarkus-app/quarkus-run.jar ] || { echo "build first: ./mvnw -B -ntp package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
for m in $MODES; do
  case "$m" in fast | immediate | freeze) ;; *) echo "unknown mode '$m' (fast, immediate, freeze)" >&2; exit 2 ;; esac
done

# shellcheck source=../scripts/lib/throwaway-pg.sh
source scripts/lib/throwaway-pg.sh

APP_PID= WRK_PID= LOAD_PID=
cleanup() {
  for p in $WRK_PID $LOAD_PID $APP_PID; do kill "$p" 2>/dev/null || true; done
  for p in $WRK_PID $LOAD_PID $APP_PID; do wait "$p" 2>/dev/null || true; done
  tpg_destroy
}
trap cleanup EXIT

rm -rf "$OUT" && mkdir -p "$OUT"
log "throwaway PostgreSQL $TPG_VER on 127.0.0.1:$DB_PORT"
tpg_create "$DB_PORT"
tpg_start
tpg_database "$DB" labledger labledger
dbq() { PGPASSWORD=labledger psql -X -q -h 127.0.0.1 -p "$DB_PORT" -U labledger -d "$DB" -tA "$@"; }

TOKEN=$(scripts/dev-token.sh curator bench-fault 120)   # generates .labledger/jwt/ first if needed
APP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$APP_PORT"
log "starting the packaged jar on :$APP_PORT (seed import at start)"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/$DB" QUARKUS_HTTP_PORT="$APP_PORT" \
  java -Xmx512m $JAVA_EXTRA -jar target/quarkus-app/quarkus-run.jar >"$OUT/app.log" 2>&1 &
APP_PID=$!
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE$1" || true; }
for _ in $(seq 1 1800); do
  [ "$(code /q/health/ready)" = 200 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$OUT/app.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 0.1
done
[ "$(code /q/health/ready)" = 200 ] || { echo "the service is not ready after 180 s" >&2; exit 1; }
for _ in 1 2 3; do code /api/labs/openai/scorecard >/dev/null; code '/api/questions?lab=openai' >/dev/null; done   # warm-up

cycle() { # N MODE: outage N under load; writes $OUT/N-MODE/report.md, returns the report's status
  local mode=$2 dir="$OUT/$1-$2" stopfile prefix t
  mkdir -p "$dir"
  stopfile="$dir/stop"
  prefix="fault-$1-$mode-$(date +%s)"
  local log_lines; log_lines=$(wc -l <"$OUT/app.log")
  {
    echo "load_start=$(now_ms)"
  } >"$dir/phases.env"
  wrk -t1 -c"$READ_CONNECTIONS" -d3600s --timeout 30s -s bench/fault.lua "$BASE" -- \
    "$dir/wrk" "$READ_DELAY_MS" /api/labs/openai/scorecard '/api/questions?lab=openai' >"$dir/wrk.out" 2>&1 &
  WRK_PID=$!
  python3 bench/fault.py load "$BASE" "$TOKEN" "$dir" "$prefix" "$WRITERS" "$stopfile" &
  LOAD_PID=$!
  sleep "$DURATION"

  echo "stop_cmd=$(now_ms)" >>"$dir/phases.env"
  if [ "$mode" = freeze ]; then
    log "[$mode] freezing PostgreSQL (kill -STOP)"
    tpg_freeze
  else
    log "[$mode] stopping PostgreSQL (pg_ctl stop -m $mode)"
    tpg_stop "$mode"
  fi
  echo "stop_done=$(now_ms)" >>"$dir/phases.env"
  sleep "$DURATION"

  log "[$mode] starting PostgreSQL"
  echo "start_cmd=$(now_ms)" >>"$dir/phases.env"
  if [ "$mode" = freeze ]; then tpg_thaw; else tpg_start; fi
  until tpg_ready; do sleep 0.05; done
  echo "pg_accepting=$(now_ms)" >>"$dir/phases.env"
  t=$(now_ms)
  until [ "$(code /q/health/ready)" = 200 ]; do
    [ $(( $(now_ms) - t )) -lt 120000 ] || { log "[$mode] readiness not back after 120 s"; break; }
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "[$mode] readiness back; $DURATION s more load"
  sleep "$DURATION"
  echo "load_end=$(now_ms)" >>"$dir/phases.env"
  touch "$stopfile"
  kill -INT "$WRK_PID" 2>/dev/null || true
  wait "$WRK_PID" || true
  wait "$LOAD_PID" || true
  WRK_PID= LOAD_PID=

  dbq -c "select key from question where key like '$prefix-%' order by key" >"$dir/db-questions.txt"
  dbq -c "select entity_key from revision where entity = 'QUESTION' and action = 'CREATE' and entity_key like '$prefix-%' order by 1" \
    >"$dir/db-revisions.txt"
  tail -n +"$((log_lines + 1))" "$OUT/app.log" >"$dir/app.log"
  local rc=0
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    wait "$APP_PID"; local exit_code=$?
    log "[$mode] the service process exited during the run (exit status $exit_code; not stopped by this harness): see $dir/app.log"
    printf '### Outage %s: PostgreSQL stop -m %s\n\n**FAILED:** the service process exited during the run (exit status %s; not stopped by this harness), see %s.\n\n' \
      "$1" "$mode" "$exit_code" "$dir/app.log" >"$dir/report.md"
    APP_PID=
    return 2
  fi
  python3 bench/fault.py report "$BASE" "$dir" "$1-$mode" >"$dir/report.md" || rc=$?
  {
    echo "App log during this run: $(grep -c ' ERROR ' "$dir/app.log" || true) ERROR lines," \
      "$(grep -c 'database unavailable' "$dir/app.log" || true) 'database unavailable' warnings" \
      "($(grep -c 'unexpected error' "$dir/app.log" || true) 'unexpected error' = 500s)."
    echo
  } >>"$dir/report.md"
  return $rc
}

{
  echo "## Fault run: PostgreSQL stopped under load"
  echo
  echo "$(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes'), $(nproc) cores;" \
    "PostgreSQL $TPG_VER (throwaway, fsync on); phases of ${DURATION} s; reads: wrk -t1 -c$READ_CONNECTIONS, ${READ_DELAY_MS} ms pause" \
    "per connection; writes: $WRITERS clients creating questions back to back.${JAVA_EXTRA:+ Service started with \`$JAVA_EXTRA\`.}"
  echo
} >"$OUT/report.md"
status=0 n=0
for mode in $MODES; do
  n=$((n + 1))
  rc=0; cycle "$n" "$mode" || rc=$?
  [ "$rc" = 0 ] || status=1
  cat "$OUT/$n-$mode/report.md" >>"$OUT/report.md"
  log "[$mode] done"
  [ "$rc" != 2 ] || break   # no service left to test
done
cat "$OUT/report.md"
exit $status
