#!/usr/bin/env bash
# Sustained load: every LabLedger workload mixed in one wrk run at the highest rate the machine gives (closed loop,
# many connections), for 60 s by default; prints throughput, latency percentiles and every kind of error.
# The run passes only with zero errors (non-2xx/3xx, connect/read/write errors, timeouts over 5 s).
#
#   bench/sustained.sh SIZE [DURATION_S] [CONNECTIONS]      (defaults: m, 60 s, 32 connections)
#
# Uses the database of bench/run.sh (labledger_bench_SIZE; run that once first to create and fill it).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-m}"; duration="${2:-60}"; conns="${3:-32}"
db="labledger_bench_$size"; port=8099; url="http://127.0.0.1:$port"
export PGPASSWORD=labledger
psql -h 127.0.0.1 -U labledger -d "$db" -tAc "select 1" >/dev/null 2>&1 || { echo "no database $db: run bench/run.sh $size first" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -ntp -q package -DskipTests
LABLEDGER_GRAPHQL_MAX_COST="${LABLEDGER_GRAPHQL_MAX_COST:-500000}" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_HTTP_PORT=$port QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xmx2g -jar target/quarkus-app/quarkus-run.jar > "target/bench-sustained-$size.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
lab=$(psql -h 127.0.0.1 -U labledger -d "$db" -tAc "select coalesce((select slug from lab where slug = 'bench-lab-7'), 'openai')")
lua=$(mktemp --suffix .lua)
cat > "$lua" <<LUA
local lab = "$lab"
local gql = function(q) return '{"query": "' .. q:gsub('"', '\\\\"') .. '"}' end
local h = { ["Content-Type"] = "application/json" }
local reqs
init = function(args) -- wrk.format needs wrk.headers' Host, which is set only once the script is loaded
reqs = {
  wrk.format("GET", "/api/labs/" .. lab .. "/scorecard"),
  wrk.format("GET", "/api/questions?lab=" .. lab .. "&status=UNANSWERED&page=0&size=50"),
  wrk.format("GET", "/api/questions?lab=" .. lab .. "&status=PARTIAL,ANSWERED&page=3&size=50"),
  wrk.format("GET", "/api/labs?size=200"), -- one page of up to 200 (all 110 labs at size m; lists are paged since the envelope)
  wrk.format("POST", "/graphql", h, gql('{ scorecards { lab counts { total answered partial responseRate } rootTopics { topic counts { total responseRate } } } }')),
  wrk.format("POST", "/graphql", h, gql('{ answers(filter: {lab: "' .. lab .. '"}, size: 100) { items { status question { key text topic { slug name } } } } }')),
}
end
local i = 0
request = function() i = i % #reqs + 1; return reqs[i] end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %.2f %.2f %.2f %d %d %d %d %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA
wrk -t2 -c"$conns" -d10s --timeout 5s -s "$lua" "$url" > /dev/null   # warm-up
c0=$(awk '{print $14 + $15}' /proc/$pid/stat)
out=$(wrk -t2 -c"$conns" -d"${duration}s" --timeout 5s --latency -s "$lua" "$url" | grep '^RESULT')
c1=$(awk '{print $14 + $15}' /proc/$pid/stat)
rm -f "$lua"
read -r _ reqs rps p50 p99 p999 max st co rd wr to <<< "$out"
cpu=$(awk -v a="$c0" -v b="$c1" -v d="$duration" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) / hz / d * 100 }')
rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
echo "size $size, mixed workloads 1-4 (+ /api/labs) in rotation, wrk -t2 -c$conns -d${duration}s --timeout 5s after a 10 s warm-up"
echo
echo "| size | requests | req/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx | connect | read | write | timeouts | server CPU | RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $size | $reqs | $rps | $p50 | $p99 | $p999 | $max | $st | $co | $rd | $wr | $to | $cpu% | $rss |"
[ $((st + co + rd + wr + to)) -eq 0 ] || { echo "FAILED: errors during the sustained run" >&2; exit 1; }
