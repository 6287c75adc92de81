#!/usr/bin/env bash
# SQL statements per request, counted from PostgreSQL's own statement log: for each workload, one warm request,
# then one request between two marker statements; every statement the server sent to DB in between is counted.
# Reads "KEY|METHOD|URL|BODY" lines on stdin (one request each) and prints "KEY|queries (+ transaction control)" for
# bench/run.sh. A request a response cache answers counts 0: the warm request before the counted one fills it.
# Best effort: needs
# superuser access (psql -U postgres on 127.0.0.1, as on these machines) to switch log_statement on for a moment
# (ALTER SYSTEM + reload, reset at exit) and a readable log in /var/log/postgresql; prints nothing otherwise.
#
#   printf '%s\n' "1 uncached|GET|http://127.0.0.1:8097/api/labs/openai/scorecard|" | bench/statements.sh DB
set -uo pipefail
cd "$(dirname "$0")/.."
db=$1
requests=$(cat)
log=$(ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1)
su() { psql -h 127.0.0.1 -U postgres -d postgres -tAqc "$1" >/dev/null 2>&1; }
[ -n "$log" ] && [ -r "$log" ] && su "select 1" || exit 0
trap 'su "alter system reset log_statement"; su "select pg_reload_conf()"' EXIT
su "alter system set log_statement = 'all'"; su "select pg_reload_conf()"; sleep 1
# wait until nothing runs on DB any more (a slow request of the load before may still be executing)
for _ in $(seq 1 60); do
  busy=$(PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAc \
    "select count(*) from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()" 2>/dev/null)
  [ "${busy:-0}" = 0 ] && break
  sleep 0.5
done

# every LabLedger process's change listener (its own connection, application_name labledger-changes) reads the data
# version every second: not a request's statement, so its backends' lines are left out
listeners=" $(PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAc \
  "select string_agg(pid::text, ' ') from pg_stat_activity where datname = current_database() and application_name = 'labledger-changes'" 2>/dev/null) "

count() { # key method url body
  local key=$1 method=$2 target=$3 body=${4:-} mark="bench-mark-$RANDOM$RANDOM"
  send() { if [ "$method" = POST ]; then curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "$target"; else curl -sf -o /dev/null "$target"; fi; }
  send; sleep 0.3
  local from; from=$(wc -l < "$log")
  PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAqc "select '$mark-a'" >/dev/null
  send; sleep 0.5
  PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAqc "select '$mark-b'" >/dev/null
  sleep 0.5
  tail -n +"$((from + 1))" "$log" | awk -v a="$mark-a" -v b="$mark-b" -v db="@$db " -v skip="$listeners" '
    index($0, a) { on = 1; next } index($0, b) { on = 0; next }
    on && index($0, db) && / LOG:  (statement|execute [^:]*): / && !(match($0, /\[[0-9]+\]/) && index(skip, " " substr($0, RSTART + 1, RLENGTH - 2) " ")) {
      if ($0 ~ /: (BEGIN|COMMIT|ROLLBACK|SET |SHOW |select 1$)/) tx++; else n++ }
    END { printf "%d (+%d)\n", n, tx }' | sed "s/^/$key|/"
}
while IFS='|' read -r key method target body; do
  [ -n "$key" ] && count "$key" "$method" "$target" "$body"
done <<< "$requests"
