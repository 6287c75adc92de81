#!/usr/bin/env bash
# Runs LabLedger's benchmark workloads at one data size and prints a Markdown table.
#
#   bench/run.sh SIZE [DURATION_S] [CONNECTIONS]     SIZE: seed | m | l   (defaults: 15 s, 8 connections)
#
# seed = the real seeds only; m = +100 labs x 2,000 questions (200k answers); l = +500 labs x 10,000 questions (5M).
# Uses its own database labledger_bench_SIZE (created and filled on first use), starts the packaged jar
# (./mvnw package first) on port 8099, loads it with wrk on loopback, stops it. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:?usage: bench/run.sh seed|m|l [duration_s] [connections]}"
duration="${2:-15}"
conns="${3:-8}"
case "$size" in
  seed) labs=0; questions=0 ;;
  m) labs=100; questions=2000 ;;
  l) labs=500; questions=10000 ;;
  *) echo "unknown size $size" >&2; exit 2 ;;
esac
db="labledger_bench_$size"
port=8099
url="http://127.0.0.1:$port"
scripts/db.sh "$db" >/dev/null 2>&1
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -ntp -q package -DskipTests

QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_HTTP_PORT=$port QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xmx2g -jar target/quarkus-app/quarkus-run.jar > "target/bench-$size.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
if [ "$labs" -gt 0 ] && [ "$(PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAc "select count(*) from lab where slug like 'bench-lab-%'")" -lt "$labs" ]; then
  echo "[bench] generating $labs labs x $questions questions into $db" >&2
  start=$(date +%s)
  PGPASSWORD=labledger psql -q -h 127.0.0.1 -U labledger -d "$db" -v labs=$labs -v questions=$questions -f bench/generate.sql
  echo "[bench] generated in $(( $(date +%s) - start )) s" >&2
fi
answers=$(PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAc "select count(*) from answer")
lab=$([ "$labs" -gt 0 ] && echo bench-lab-7 || echo openai)
deep=$(( (labs > 0 ? questions : 40) / 50 - 1 )); [ "$deep" -ge 1 ] || deep=0

gql() { printf '{"query": "%s"}' "$1"; }
w3=$(gql '{ scorecards { lab counts { total answered partial responseRate } rootTopics { topic counts { total responseRate } } } }')
w4=$(gql "{ answers(filter: {lab: \\\"$lab\\\"}, size: 100) { items { status question { key text topic { slug name } } } } }")

run() { # name method url [body]
  local name=$1 method=$2 target=$3 body=${4:-}
  local lua; lua=$(mktemp --suffix .lua)
  if [ "$method" = POST ]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" > "$lua"
  else
    printf '' > "$lua"
  fi
  cat >> "$lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.requests))
end
LUA
  local cpu0; cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
  local out; out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$lua" "$target" 2>&1 | grep '^RESULT')
  local cpu1; cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  read -r _ rps p50 p99 errs reqs <<< "$out"
  local cpu; cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v d="$duration" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) / hz / d * 100 }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$name" "$rps" "$p50" "$p99" "$errs" "$cpu%" "$rss"
  rm -f "$lua"
}

echo "size $size: $(PGPASSWORD=labledger psql -h 127.0.0.1 -U labledger -d "$db" -tAc "select count(*) from lab") labs, $answers answers; wrk -t2 -c$conns -d${duration}s"
echo
echo "| size | workload | req/s | p50 ms | p99 ms | errors | server CPU | server RSS MB |"
echo "|---|---|---|---|---|---|---|---|"
curl -sf -o /dev/null "$url/api/labs/$lab/scorecard"   # warm-up of each path
run "1 REST scorecard" GET "$url/api/labs/$lab/scorecard"
run "2 REST questions page 0" GET "$url/api/questions?lab=$lab&status=UNANSWERED&page=0&size=50"
run "2 REST questions deep page" GET "$url/api/questions?lab=$lab&status=UNANSWERED&page=$deep&size=50"
run "3 GraphQL all scorecards" POST "$url/graphql" "$w3"
run "4 GraphQL lab answers (100)" POST "$url/graphql" "$w4"
