#!/usr/bin/env bash
# SQL statements per request, counted from PostgreSQL's own statement log: for each workload, one warm request,
# then one request between two marker statements; every statement the server sent to DB in between is counted.
# Prints "WORKLOAD_NUMBER|SERVER|queries (+ transaction control)" lines for bench/run.sh. Best effort: needs
# superuser access (psql -U postgres on 127.0.0.1, as on these machines) to switch log_statement on for a moment
# (ALTER SYSTEM + reload, reset at exit) and a readable log in /var/log/postgresql; prints nothing otherwise.
#
#   bench/statements.sh DB APP_PID APP_URL [PEER_PID PEER_URL] LAB DEEP_PAGE
set -uo pipefail
cd "$(dirname "$0")/.."
db=$1 app_url=$3 peer_pid=${4:-} peer_url=${5:-} lab=${6:-openai} deep=${7:-0}
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

count() { # number server method url body
  local n=$1 server=$2 method=$3 target=$4 body=${5:-} mark="bench-mark-$RANDOM$RANDOM"
  send() { if [ "$method" = POST ]; then curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$body" "$target"; else curl -sf -o /dev/null "$target"; fi; }
  send; sleep 0.3
  local from; from=$(wc -l < "$log")
  PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAqc "select '$mark-a'" >/dev/null
  send; sleep 0.5
  PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAqc "select '$mark-b'" >/dev/null
  sleep 0.5
  tail -n +"$((from + 1))" "$log" | awk -v a="$mark-a" -v b="$mark-b" -v db="@$db " '
    index($0, a) { on = 1; next } index($0, b) { on = 0; next }
    on && index($0, db) && / LOG:  (statement|execute [^:]*): / {
      if ($0 ~ /: (BEGIN|COMMIT|ROLLBACK|SET |SHOW |select 1$)/) tx++; else n++ }
    END { printf "%d (+%d)\n", n, tx }' | sed "s/^/$n|$server|/"
}
gql() { printf '{"query": "%s"}' "$1"; }
count 1 labledger GET "$app_url/api/labs/$lab/scorecard"
count 2 labledger GET "$app_url/api/questions?lab=$lab&status=UNANSWERED&page=0&size=50"
count 3 labledger POST "$app_url/graphql" "$(gql '{ scorecards { lab counts { total answered partial responseRate } rootTopics { topic counts { total responseRate } } } }')"
count 4 labledger POST "$app_url/graphql" "$(gql "{ answers(filter: {lab: \\\"$lab\\\"}, size: 100) { items { status question { key text topic { slug name } } } } }")"
if [ -n "$peer_pid" ]; then
  count 3 postgraphile POST "$peer_url/graphql" "$(bench/peer-queries.sh w3)"
  count 4 postgraphile POST "$peer_url/graphql" "$(bench/peer-queries.sh w4 "$lab")"
fi
