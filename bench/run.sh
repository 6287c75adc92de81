#!/usr/bin/env bash
# LabLedger's benchmark at one data size: every workload cached and uncached, conditional requests (304), the
# PostGraphile peer on the same work, the in-memory limit (the same Vert.x answering the same bytes), two replicas
# behind a round-robin proxy, and the live updates' commit-to-client latency under write load. Prints Markdown tables
# of medians (also written to target/bench-SIZE.md) and the total time. See bench/README.md for every column.
#
#   bench/run.sh SIZE [DURATION_S] [CONNECTIONS] [RUNS]   SIZE: seed | m | l   (defaults: 5 s, 8, 3 runs)
#   bench/run.sh SIZE quick                               smoke: DURATION 2, RUNS 1, WARMUP 0, PREWARM 1, 60 live events
#
# Environment: WARMUP (s before each measurement, 1), PREWARM (s per request once at the start, 2), REPLICA_RUNS
# (runs of the replica phase, 2), PEER=0 (no peer),
# PEER_RAW (the peer's raw-tally workload 3: 1, 0 at l), LIMIT=0 (no limit server), REPLICAS=0 (no two-replica phase), LIVE=0 (no live-update latency), LIVE_RATE (writes/s,
# 20), LIVE_EVENTS (writes, 200), FRESH_N (freshness probes, 20), BASE_PORT (8090: ports BASE..BASE+9 are used),
# LABLEDGER_GRAPHQL_MAX_COST (500000: the all-labs dashboard at l costs more than the public default).
#
# Processes, all on the same database labledger_bench_SIZE (bench/prepare.sh creates and fills it first):
#   BASE+9 LabLedger A, response cache on (the default)      BASE+7 LabLedger A', LABLEDGER_CACHE_ENABLED=false
#   BASE+6 LabLedger B, cache on (replica phase only)         BASE+5 LabLedger B', cache off (replica phase only)
#   BASE+8 PostGraphile v4 (bench/peer.sh)                    BASE+0 the limit (bench/limit/Limit.java)
#   BASE+4 nginx -> A,B round-robin   BASE+3 nginx -> A',B'   BASE+2 nginx -> A only   BASE+1 nginx -> A' only
# Needs wrk (apt-get install wrk), node + npm (the peer, bench/live.mjs), nginx for the replica phase (apt-get install
# nginx; without it that phase is skipped and says so), and psql as the postgres superuser for the statement counts.
set -euo pipefail
{ # the whole script is read before it runs, so that editing it meanwhile cannot change a run in progress
cd "$(dirname "$0")/.."
t_start=$(date +%s)
size="${1:?usage: bench/run.sh seed|m|l [duration_s|quick] [connections] [runs]}"
if [ "${2:-}" = quick ]; then
  duration=2; conns=8; runs=1
  : "${WARMUP:=0}" "${PREWARM:=1}" "${LIVE_EVENTS:=60}" "${FRESH_N:=5}"
else
  duration="${2:-5}"; conns="${3:-8}"; runs="${4:-3}"
fi
warmup="${WARMUP:-1}"
prewarm="${PREWARM:-2}"
live_rate="${LIVE_RATE:-20}"
live_events="${LIVE_EVENTS:-200}"
fresh_n="${FRESH_N:-20}"
base="${BASE_PORT:-8090}"
case "$size" in seed | m | l) ;; *) echo "unknown size $size" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "[bench] wrk is missing: apt-get install wrk" >&2; exit 1; }
db="labledger_bench_$size"
export PGPASSWORD=labledger
q() { psql -h 127.0.0.1 -U labledger -d "$db" -tAc "$1"; }
log() { echo "[bench $(date -u +%T)] $*" >&2; }
loads=()
load_note() { loads+=("$1: $(uptime | sed 's/.*load average: /load /')"); }
load_note start

bench/prepare.sh "$size"
mkdir -p target
[ -f .labledger/jwt/public.pem ] || scripts/dev-token.sh curator >/dev/null   # the key the jar reads for curator tokens
token=$(scripts/dev-token.sh curator bench-live 120)

P_LIMIT=$base P_RR_NC1=$((base + 1)) P_RR_C1=$((base + 2)) P_RR_NC=$((base + 3)) P_RR_C=$((base + 4))
P_B_NC=$((base + 5)) P_B_C=$((base + 6)) P_A_NC=$((base + 7)) P_PEER=$((base + 8)) P_A_C=$((base + 9))
url() { echo "http://127.0.0.1:$1"; }
for p in $(seq "$base" $((base + 9))); do
  if curl -s -o /dev/null --max-time 1 "$(url "$p")/"; then echo "[bench] port $p is in use (BASE_PORT=$base)" >&2; exit 1; fi
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start_app() { # port cache-enabled -> pid in $app_pid
  LABLEDGER_GRAPHQL_MAX_COST="${LABLEDGER_GRAPHQL_MAX_COST:-500000}" LABLEDGER_CACHE_ENABLED="$2" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_HTTP_PORT=$1 QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    java -Xmx2g -jar target/quarkus-app/quarkus-run.jar >> "target/bench-$size-$1.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
}
wait_ready() { # port pid
  for _ in $(seq 1 480); do
    curl -sf -o /dev/null "$(url "$1")/q/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.5
  done
  echo "[bench] LabLedger on $1 did not become ready; see target/bench-$size-$1.log" >&2
  exit 1
}
log "starting LabLedger A (cache on, :$P_A_C) and A' (cache off, :$P_A_NC) on $db"
start_app "$P_A_C" true; pid_c=$app_pid
wait_ready "$P_A_C" "$pid_c"          # one after the other: the first start checks the migrations and the seed alone
start_app "$P_A_NC" false; pid_nc=$app_pid
wait_ready "$P_A_NC" "$pid_nc"
peer=""
if [ "${PEER:-1}" = 1 ]; then
  peer=$(bench/peer.sh "$db" "$P_PEER"); pids+=("$peer")
fi

labs=$(q "select count(*) from lab where slug like 'bench-lab-%'")
lab=$([ "$labs" -gt 0 ] && echo bench-lab-7 || echo openai)
UC=$(url "$P_A_C") UN=$(url "$P_A_NC") UP=$(url "$P_PEER") UL=$(url "$P_LIMIT")
qs="lab=$lab&status=UNANSWERED&size=50"
total=$(curl -sf -D - -o /dev/null "$UN/api/questions?$qs" | awk -F': ' 'tolower($1) == "x-total-count" {print $2+0}')
deep=$(( total > 50 ? (total - 1) / 50 : 0 ))   # the last page that has items
# the cursor of that last page: follow nextCursor from page 0 (README "Paging: offset and cursors")
last_cursor=$(python3 - "$UN/api/questions?$qs" <<'PY'
import json, sys, urllib.parse, urllib.request
base, cursor, previous = sys.argv[1], None, ""
while True:
    page = json.load(urllib.request.urlopen(base + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")))
    if not page.get("nextCursor"):
        break
    previous = cursor = page["nextCursor"]
print(urllib.parse.quote(previous) if previous else "")
PY
)

gql() { printf '{"query": "%s"}' "$1"; }
w3q='{ scorecards { lab counts { total answered partial responseRate } rootTopics { topic counts { total responseRate } } } }'
w4q="{ answers(filter: {lab: \\\"$lab\\\"}, size: 100) { items { status question { key text topic { slug name } } } } }"
w3=$(gql "$w3q"); w4=$(gql "$w4q")
w3raw=$(bench/peer-queries.sh w3); w3p=$(bench/peer-queries.sh w3-scorecards); w4p=$(bench/peer-queries.sh w4 "$lab")

# workloads: key|name|method|path|body|limit-key
workloads=(
  "1|1 REST scorecard|GET|/api/labs/$lab/scorecard||w1"
  "2a|2 REST questions page 0|GET|/api/questions?$qs&page=0||w2first"
  "2b|2 REST questions page $deep (last) by offset|GET|/api/questions?$qs&page=$deep||w2last"
  "2c|2 REST questions page $deep (last) by cursor|GET|/api/questions?$qs${last_cursor:+&cursor=$last_cursor}||w2last"
  "3|3 GraphQL all labs' scorecards|POST|/graphql|$w3|w3"
  "4|4 GraphQL lab answers (100)|POST|/graphql|$w4|w4"
)
fetch_body() { # method url body out-file -> prints content type; headers in out-file.h
  if [ "$1" = POST ]; then curl -sf -D "$4.h" -o "$4" -H 'Content-Type: application/json' -d "$3" "$2"
  else curl -sf -D "$4.h" -o "$4" "$2"; fi
  awk -F': ' 'tolower($1) == "content-type" {sub(/\r$/, "", $2); print $2}' "$4.h"
}
etag_of() { awk -F': ' 'tolower($1) == "etag" {sub(/\r$/, "", $2); print $2}' "$1.h"; }

# rows: id|workload key|name|variant|server|pids|method|url|body|if-none-match|limit-row
work=$(mktemp -d)
rows=()
limit_specs=()
declare -A limit_type
for w in "${workloads[@]}"; do
  IFS='|' read -r key name method path body lkey <<< "$w"
  rows+=("$key-c|$key|$name|cached|labledger|$pid_c|$method|$UC$path|$body||$lkey")
  rows+=("$key-u|$key|$name|uncached|labledger|$pid_nc|$method|$UN$path|$body||$lkey")
  if [ -z "${limit_type[$lkey]:-}" ]; then
    limit_type[$lkey]=$(fetch_body "$method" "$UC$path" "$body" "$work/$lkey")
    limit_specs+=("/$lkey=$work/$lkey=${limit_type[$lkey]}")
  fi
done
# conditional requests: W1, W3, W4 with If-None-Match = the ETag of the response (GraphQL: only if it has one; a
# GraphQL response without ETag over POST is tried over GET /graphql?query=..., and left out when neither has one)
notes=()
for key in 1 3 4; do
  for w in "${workloads[@]}"; do
    IFS='|' read -r k name method path body lkey <<< "$w"
    [ "$k" = "$key" ] || continue
    fetch_body "$method" "$UC$path" "$body" "$work/etag-$k" >/dev/null
    tag=$(etag_of "$work/etag-$k")
    if [ -z "$tag" ] && [ "$method" = POST ]; then
      query=$(python3 -c 'import json, sys, urllib.parse; print(urllib.parse.quote(json.loads(sys.argv[1])["query"]))' "$body")
      fetch_body GET "$UC$path?query=$query" "" "$work/etag-$k" >/dev/null
      tag=$(etag_of "$work/etag-$k")
      [ -n "$tag" ] && { method=GET; path="$path?query=$query"; body=""; name="$name, GET"; }
    fi
    if [ -z "$tag" ]; then notes+=("workload $k: its response has no ETag (POST or GET), so no conditional row"); continue; fi
    rows+=("$k-c304|$k|$name|304 cached|labledger|$pid_c|$method|$UC$path|$body|$tag|w304")
    rows+=("$k-u304|$k|$name|304 uncached|labledger|$pid_nc|$method|$UN$path|$body|$tag|w304")
  done
done
if [ -n "$peer" ]; then
  rows+=("3p-u|3|3 GraphQL all labs' scorecards (scorecards.sql)|like-for-like|postgraphile|$peer|POST|$UP/graphql|$w3p||")
  # the raw tallies take ~8 s a request at l (5M answers): left out there unless PEER_RAW=1
  if [ "${PEER_RAW:-$([ "$size" = l ] && echo 0 || echo 1)}" = 1 ]; then
    rows+=("3r-u|3r|3 GraphQL all labs' raw tallies|not like-for-like|postgraphile|$peer|POST|$UP/graphql|$w3raw||")
  else
    notes+=("the peer's raw-tally workload 3 (not like-for-like) is left out at this size (PEER_RAW=1 measures it)")
  fi
  rows+=("4p-u|4|4 GraphQL lab answers (100)|like-for-like|postgraphile|$peer|POST|$UP/graphql|$w4p||")
fi
limit_pid=""
if [ "${LIMIT:-1}" = 1 ]; then
  printf 'x' > "$work/w304"; limit_specs+=("/w304=$work/w304=application/json")
  java -cp 'target/quarkus-app/lib/main/*' bench/limit/Limit.java "$P_LIMIT" "${limit_specs[@]}" > "target/bench-$size-limit.log" 2>&1 &
  limit_pid=$!; pids+=("$limit_pid")
  for _ in $(seq 1 240); do grep -q 'limit ready' "target/bench-$size-limit.log" && break; sleep 0.5; done
  grep -q 'limit ready' "target/bench-$size-limit.log" || { echo "[bench] the limit server did not start" >&2; exit 1; }
  for spec in "${limit_specs[@]}"; do
    lk=${spec%%=*}; lk=${lk#/}
    tag=""; [ "$lk" = w304 ] && tag="\"limit/w304\""
    rows+=("L-$lk|L|limit: ${lk}|$([ "$lk" = w304 ] && echo 304 || echo in-memory)|limit|$limit_pid|GET|$UL/$lk||$tag|")
  done
fi

# peer check: the like-for-like W3 gives the same numbers as LabLedger's
check=""
if [ -n "$peer" ]; then
  check=$(python3 bench/peer-check.py "$UN/graphql" "$w3" "$UP/graphql" "$w3p" 2>&1) || { echo "$check" >&2; echo "[bench] the peer's scorecards differ from LabLedger's" >&2; exit 1; }
  log "$check"
fi

# every request answers as it should before it is measured: the status (304 for a conditional row, else 200) and,
# for GraphQL, no "errors" in the body; a broken query would otherwise be measured as a fast error
for row in "${rows[@]}"; do
  IFS='|' read -r id _ name variant _ _ method target body inm _ <<< "$row"
  want=200; [ -n "$inm" ] && want=304
  args=(-s -o "$work/check" -w '%{http_code}' --max-time 120); [ -n "$inm" ] && args+=(-H "If-None-Match: $inm")
  [ "$method" = POST ] && args+=(-H 'Content-Type: application/json' -d "$body")
  got=$(curl "${args[@]}" "$target")
  if [ "$got" != "$want" ] || grep -q '"errors":\[' "$work/check"; then
    echo "[bench] $name [$variant]: HTTP $got (expected $want): $(head -c 300 "$work/check")" >&2; exit 1
  fi
done

lua_for() { # method body if-none-match count-statuses -> lua file
  local lua; lua=$(mktemp --suffix .lua)
  if [ "$1" = POST ]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$2" > "$lua"
  fi
  if [ -n "$3" ]; then
    # each wrk thread has its own Lua state: the 304s are counted per thread and summed in done()
    printf 'wrk.headers["If-None-Match"] = [[%s]]\n' "$3" >> "$lua"
    cat >> "$lua" <<'LUA'
n304 = 0
response = function(status, headers, body) if status == 304 then n304 = n304 + 1 end end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done_304 = function() local s = 0 for _, t in ipairs(threads) do s = s + (t:get("n304") or 0) end return s end
LUA
  else
    echo 'done_304 = function() return -1 end' >> "$lua"
  fi
  cat >> "$lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests, done_304()))
end
LUA
  echo "$lua"
}
# errors.status: responses with a status >= 400; a 304 is not one

ticks() { local s=0; for p in "$@"; do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $s; }
pg_ticks() { local s=0; for p in "$@"; do s=$((s + $(bench/peer-pgcpu.sh "$p" | awk '{s += $2} END {print s + 0}'))); done; echo $s; }
rss_of() { local s=0; for p in "$@"; do s=$((s + $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$p/status"))); done; echo $s; }
wait_idle() { # a slow request of the load before may still be executing in PostgreSQL (the peer's raw tallies at l)
  for _ in $(seq 1 120); do
    [ "$(q "select count(*) from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend' and query not like 'LISTEN%'")" = 0 ] && return
    sleep 0.25
  done
}
# errors a server logged (LabLedger logs every failed GraphQL data fetch and every 500 at ERROR): a GraphQL response
# with errors is still a 200, which wrk does not see; only one row is loaded at a time, so they are that row's
logged_errors() { cat target/bench-"$size"-*.log 2>/dev/null | grep -c ' ERROR \[' || true; }
hz=$(getconf CLK_TCK)
results="$work/results"
: > "$results"

measure() { # run "row"
  IFS='|' read -r id _ name variant server spids method target body inm _ <<< "$2"
  local lua; lua=$(lua_for "$method" "$body" "$inm")
  read -ra sp <<< "${spids//,/ }"
  wait_idle
  [ "$warmup" -gt 0 ] && wrk -t2 -c"$conns" -d"${warmup}s" --timeout 10s -s "$lua" "$target" > /dev/null 2>&1
  local c0 g0 c1 g1 out e0 e1
  e0=$(logged_errors)
  c0=$(ticks "${sp[@]}"); g0=$(pg_ticks "${sp[@]}")
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s --latency -s "$lua" "$target" 2>&1 | grep '^RESULT' || echo "RESULT 0 0 0 1 0 -1")
  c1=$(ticks "${sp[@]}"); g1=$(pg_ticks "${sp[@]}")
  local rss; rss=$(rss_of "${sp[@]}")
  e1=$(logged_errors)   # until the logs are quiet (a loaded machine writes them late), at most ~2 s
  for _ in 1 2 3 4 5 6 7 8; do sleep 0.25; local e2; e2=$(logged_errors); [ "$e2" = "$e1" ] && break; e1=$e2; done
  read -r _ rps p50 p99 errs reqs n304 <<< "$out"
  echo "$id|$1|$rps|$p50|$p99|$errs|$reqs|$(( (c1 - c0) * 100 / hz / duration ))|$(( (g1 - g0) * 100 / hz / duration ))|$rss|$n304|$((e1 - e0))" >> "$results"
  rm -f "$lua"
  log "run $1: $name [$variant] ($server): $rps req/s"
}
prewarm_all() {
  for r in "$@"; do
    IFS='|' read -r _ _ _ _ _ _ method target body inm _ <<< "$r"
    lua=$(lua_for "$method" "$body" "$inm"); wrk -t2 -c"$conns" -d"${prewarm}s" --timeout 10s -s "$lua" "$target" > /dev/null 2>&1 || true; rm -f "$lua"
  done
}

log "prewarm: ${#rows[@]} requests x ${prewarm} s"
prewarm_all "${rows[@]}"
load_note "main phase"
for r in $(seq 1 "$runs"); do
  for row in "${rows[@]}"; do measure "$r" "$row"; done
done

# SQL statements per request (0 on a cache hit)
stmts="$work/stmts"
for row in "${rows[@]}"; do
  IFS='|' read -r id _ _ variant server _ method target body inm _ <<< "$row"
  [ -z "$inm" ] && [ "$server" != limit ] && echo "$id|$method|$target|$body"
done | bench/statements.sh "$db" > "$stmts" 2>/dev/null || true

# --- two replicas behind nginx ---------------------------------------------------------------------------------
replica_rows=()
fresh=""
if [ "${REPLICAS:-1}" = 1 ]; then
  if command -v nginx >/dev/null; then
    log "starting LabLedger B (cache on, :$P_B_C) and B' (cache off, :$P_B_NC)"
    start_app "$P_B_C" true; pid_bc=$app_pid; wait_ready "$P_B_C" "$pid_bc"
    start_app "$P_B_NC" false; pid_bnc=$app_pid; wait_ready "$P_B_NC" "$pid_bnc"
    ng="$work/nginx"; mkdir -p "$ng"
    cat > "$ng/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $ng/body; proxy_temp_path $ng/proxy; fastcgi_temp_path $ng/fastcgi;
  uwsgi_temp_path $ng/uwsgi; scgi_temp_path $ng/scgi;
  upstream rr_c { server 127.0.0.1:$P_A_C; server 127.0.0.1:$P_B_C; keepalive 32; }
  upstream rr_nc { server 127.0.0.1:$P_A_NC; server 127.0.0.1:$P_B_NC; keepalive 32; }
  upstream one_c { server 127.0.0.1:$P_A_C; keepalive 32; }
  upstream one_nc { server 127.0.0.1:$P_A_NC; keepalive 32; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$host;
  proxy_buffering on;
  server { listen 127.0.0.1:$P_RR_C; location / { proxy_pass http://rr_c; } }
  server { listen 127.0.0.1:$P_RR_NC; location / { proxy_pass http://rr_nc; } }
  server { listen 127.0.0.1:$P_RR_C1; location / { proxy_pass http://one_c; } }
  server { listen 127.0.0.1:$P_RR_NC1; location / { proxy_pass http://one_nc; } }
}
NGINX
    nginx -c "$ng/nginx.conf" -p "$ng" > "$ng/out.log" 2>&1 &
    nginx_pid=$!; pids+=("$nginx_pid")
    for _ in $(seq 1 40); do curl -sf -o /dev/null "$(url "$P_RR_C")/q/health/ready" && break; sleep 0.25; done
    ngp() { echo "$nginx_pid,$(pgrep -P "$nginx_pid" | paste -sd,)"; }
    for w in "${workloads[@]}"; do
      IFS='|' read -r key name method path body _ <<< "$w"
      case "$key" in 1 | 4) ;; *) continue ;; esac
      replica_rows+=("R$key-c1|$key|$name|cached|nginx -> A|$pid_c,$(ngp)|$method|$(url "$P_RR_C1")$path|$body||")
      replica_rows+=("R$key-c2|$key|$name|cached|nginx -> A, B|$pid_c,$pid_bc,$(ngp)|$method|$(url "$P_RR_C")$path|$body||")
      replica_rows+=("R$key-u1|$key|$name|uncached|nginx -> A'|$pid_nc,$(ngp)|$method|$(url "$P_RR_NC1")$path|$body||")
      replica_rows+=("R$key-u2|$key|$name|uncached|nginx -> A', B'|$pid_nc,$pid_bnc,$(ngp)|$method|$(url "$P_RR_NC")$path|$body||")
    done
    prewarm_all "${replica_rows[@]}"; prewarm_all "${replica_rows[@]}"   # B and B' start cold: twice
    load_note "replica phase"
    for r in $(seq 1 "${REPLICA_RUNS:-$(( runs < 2 ? runs : 2 ))}"); do
      for row in "${replica_rows[@]}"; do measure "$r" "$row"; done
    done
    fresh=$(node bench/fresh.mjs "$UC" "$(url "$P_B_C")" "$token" "$lab" "$fresh_n" 2>"$work/fresh.err") || fresh=""
    [ -s "$work/fresh.err" ] && cat "$work/fresh.err" >&2
  else
    notes+=("replica phase skipped: nginx is not installed (apt-get install nginx)")
  fi
fi

# --- live updates: commit-to-client latency under write and read load ---------------------------------------------
live_same="" live_cross=""
if [ "${LIVE:-1}" = 1 ]; then
  [ -f bench/peer/node_modules/graphql-ws/package.json ] || (cd bench/peer && npm ci --silent --no-audit --no-fund) >&2
  bg_lua=$(lua_for GET "" "")
  load_note "live phase"
  live_run() { # subscribe-url write-url
    wrk -t1 -c4 -d600s --timeout 10s -s "$bg_lua" "$1/api/labs/$lab/scorecard" > /dev/null 2>&1 &
    local wrk_pid=$!
    local out; out=$(node bench/live.mjs "$1" "$token" "$lab" "$live_rate" "$live_events" "$2" 2>"$work/live.err") || out=""
    kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true
    [ -s "$work/live.err" ] && head -5 "$work/live.err" >&2
    echo "$out"
  }
  log "live updates: $live_events writes at $live_rate/s, subscribers and writes on A"
  live_same=$(live_run "$UC" "$UC")
  if [ -n "${pid_bc:-}" ]; then
    log "live updates: subscribers on A, writes on B"
    live_cross=$(live_run "$UC" "$(url "$P_B_C")")
  fi
  rm -f "$bg_lua"
fi
load_note end

# --- report ------------------------------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
{
  echo "size $size: $(q "select count(*) from lab") labs, $(q "select count(*) from question") questions, $(q "select count(*) from answer") answers;" \
    "commit $commit$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'); lab $lab;" \
    "wrk -t2 -c$conns -d${duration}s after ${warmup} s warm-up, median of $runs runs; $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
  for l in "${loads[@]}"; do echo "- $l"; done
  for n in "${notes[@]}"; do echo "- note: $n"; done
  [ -n "$check" ] && echo "- peer check: $check"
  echo
  python3 bench/report.py "$size" "$results" "$stmts" "$live_same" "$live_cross" "$fresh" "$live_rate" "${rows[@]}" -- "${replica_rows[@]}"
  echo
  echo "total time: $(( $(date +%s) - t_start )) s"
} | tee "target/bench-$size.md"
rm -rf "$work"
exit
}
