#!/usr/bin/env bash
# Runs LabLedger's benchmark workloads, and PostGraphile's equivalents of workloads 3 and 4, at one data size,
# and prints a Markdown table of medians.
#
#   bench/run.sh SIZE [DURATION_S] [CONNECTIONS] [RUNS]     SIZE: seed | m | l    (defaults: 10 s, 8, 3 runs)
#
# seed = the real seeds only; m = +100 labs x 2,000 questions (200k answers); l = +500 labs x 10,000 questions (5M).
# Uses its own database labledger_bench_SIZE (created and filled on first use), the packaged jar (built if
# missing) on port 8099 and PostGraphile v4 (bench/peer.sh, PEER=0 to skip) on port 8098, both on the same
# database. Every measurement is preceded by a warm-up of the same request; each run takes every workload in
# turn, LabLedger's and the peer's interleaved, so the ratios come from the same conditions. Reported: the median
# over RUNS of req/s, p50 and p99 (wrk --latency, timeout 10 s), the sum of errors (non-2xx, socket errors,
# timeouts), the server's CPU (% of one core) and PostgreSQL's CPU on its behalf, the server's RSS, and SQL
# statements per request (bench/statements.sh, counted once from PostgreSQL's statement log).
# Needs wrk (apt-get install wrk) and, for the peer, node + npm.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:?usage: bench/run.sh seed|m|l [duration_s] [connections] [runs]}"
duration="${2:-10}"
conns="${3:-8}"
runs="${4:-3}"
warmup="${WARMUP:-3}"      # before each measurement; PREWARM (10 s) per workload once at the start
case "$size" in
  seed) labs=0; questions=0 ;;
  m) labs=100; questions=2000 ;;
  l) labs=500; questions=10000 ;;
  *) echo "unknown size $size" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "[bench] wrk is missing: apt-get install wrk" >&2; exit 1; }
db="labledger_bench_$size"
port=8099
peer_port=8098
url="http://127.0.0.1:$port"
peer_url="http://127.0.0.1:$peer_port"
export PGPASSWORD=labledger
q() { psql -h 127.0.0.1 -U labledger -d "$db" -tAc "$1"; }
scripts/db.sh "$db" >/dev/null 2>&1
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -ntp -q package -DskipTests
mkdir -p target

start_app() {
  # the all-labs dashboard at size l (510 labs x root topics) costs more than the default GraphQL budget of
  # 25000 that protects a public instance; the benchmark measures that workload, so it raises the budget
  LABLEDGER_GRAPHQL_MAX_COST="${LABLEDGER_GRAPHQL_MAX_COST:-500000}" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_HTTP_PORT=$port QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    java -Xmx2g -jar target/quarkus-app/quarkus-run.jar >> "target/bench-$size.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$url/q/health/ready" && return 0; sleep 0.5; done
  echo "[bench] LabLedger did not become ready; see target/bench-$size.log" >&2
  exit 1
}
pid=""
peer=""
trap 'kill $pid $peer 2>/dev/null || true' EXIT
start_app   # migrates the schema and imports the seeds before any generation

if [ "$labs" -gt 0 ] && [ "$(q "select count(*) from lab where slug like 'bench-lab-%'")" -lt "$labs" ]; then
  echo "[bench] generating $labs labs x $questions questions into $db" >&2
  start=$(date +%s)
  psql -q -h 127.0.0.1 -U labledger -d "$db" -v labs=$labs -v questions=$questions -f bench/generate.sql
  echo "[bench] generated in $(( $(date +%s) - start )) s" >&2
fi
if [ "${PEER:-1}" = 1 ]; then
  peer=$(bench/peer.sh "$db" "$peer_port")
fi

lab=$([ "$labs" -gt 0 ] && echo bench-lab-7 || echo openai)
total=$(curl -sf -D - -o /dev/null "$url/api/questions?lab=$lab&status=UNANSWERED&size=50" | awk -F': ' 'tolower($1) == "x-total-count" {print $2+0}')
deep=$(( total > 50 ? (total - 1) / 50 : 0 ))   # the last page that has items
# the cursor of that last page: follow nextCursor from page 0 (keyset paging, README "Paging: offset and cursors");
# empty when the list fits one page
last_cursor=$(python3 - "$url/api/questions?lab=$lab&status=UNANSWERED&size=50" <<'PY'
import json, sys, urllib.parse, urllib.request
base, cursor, previous = sys.argv[1], None, ""
while True:
    page = json.load(urllib.request.urlopen(base + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")))
    if not page.get("nextCursor"):
        break
    previous = cursor = page["nextCursor"]
print(previous or "")
PY
)

gql() { printf '{"query": "%s"}' "$1"; }
w3=$(gql '{ scorecards { lab counts { total answered partial responseRate } rootTopics { topic counts { total responseRate } } } }')
w4=$(gql "{ answers(filter: {lab: \\\"$lab\\\"}, size: 100) { items { status question { key text topic { slug name } } } } }")
w3p=$(bench/peer-queries.sh w3)
w4p=$(bench/peer-queries.sh w4 "$lab")

# name|server|method|url|body
workloads=(
  "1 REST scorecard|labledger|GET|$url/api/labs/$lab/scorecard|"
  "2 REST questions page 0|labledger|GET|$url/api/questions?lab=$lab&status=UNANSWERED&page=0&size=50|"
  "2 REST questions page $deep (last)|labledger|GET|$url/api/questions?lab=$lab&status=UNANSWERED&page=$deep&size=50|"
  "2 REST questions last page by cursor|labledger|GET|$url/api/questions?lab=$lab&status=UNANSWERED&size=50${last_cursor:+&cursor=$last_cursor}|"
  "3 GraphQL all labs' scorecards|labledger|POST|$url/graphql|$w3"
  "4 GraphQL lab answers (100)|labledger|POST|$url/graphql|$w4"
)
if [ -n "$peer" ]; then
  workloads+=("3 GraphQL all labs' tallies|postgraphile|POST|$peer_url/graphql|$w3p"
              "4 GraphQL lab answers (100)|postgraphile|POST|$peer_url/graphql|$w4p")
fi

lua_for() { # method body -> lua file
  local lua; lua=$(mktemp --suffix .lua)
  if [ "$1" = POST ]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$2" > "$lua"
  fi
  cat >> "$lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA
  echo "$lua"
}
# errors.status: responses with a status >= 400 (wrk counts them without a response callback, which would slow it)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { bench/peer-pgcpu.sh "$1" | awk '{s += $2} END {print s + 0}'; }
hz=$(getconf CLK_TCK)
results=$(mktemp)

measure() { # run-number "name|server|method|url|body"
  IFS='|' read -r name server method target body <<< "$2"
  local spid=$pid; [ "$server" = postgraphile ] && spid=$peer
  local lua; lua=$(lua_for "$method" "$body")
  wrk -t2 -c"$conns" -d"${warmup}s" --timeout 10s -s "$lua" "$target" > /dev/null 2>&1
  local c0 g0 c1 g1 out
  c0=$(ticks "$spid"); g0=$(pg_ticks "$spid")
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s --latency -s "$lua" "$target" 2>&1 | grep '^RESULT' || echo "RESULT 0 0 0 1 0")
  c1=$(ticks "$spid"); g1=$(pg_ticks "$spid")
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$spid/status")
  read -r _ rps p50 p99 errs reqs <<< "$out"
  awk -v n="$name" -v s="$server" -v r="$1" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v e="$errs" -v rq="$reqs" \
      -v c=$((c1 - c0)) -v g=$((g1 - g0)) -v hz="$hz" -v d="$duration" -v rss="$rss" \
      'BEGIN { printf "%s|%s|%s|%s|%s|%s|%s|%s|%.0f|%.0f|%s\n", n, s, r, rps, p50, p99, e, rq, c / hz / d * 100, g / hz / d * 100, rss }' >> "$results"
  rm -f "$lua"
  echo "[bench] run $1: $name ($server): $rps req/s" >&2
}

# JIT warm-up for both servers before anything is measured
for w in "${workloads[@]}"; do
  IFS='|' read -r _ _ method target body <<< "$w"
  lua=$(lua_for "$method" "$body"); wrk -t2 -c"$conns" -d"${PREWARM:-10}s" --timeout 10s -s "$lua" "$target" > /dev/null 2>&1; rm -f "$lua"
done

for r in $(seq 1 "$runs"); do
  for w in "${workloads[@]}"; do
    measure "$r" "$w"
  done
done

stmts=$(mktemp)
bench/statements.sh "$db" "$pid" "$url" "${peer:-}" "$peer_url" "$lab" "$deep" > "$stmts" 2>/dev/null || true

echo "size $size: $(q "select count(*) from lab") labs, $(q "select count(*) from question") questions, $(q "select count(*) from answer") answers;" \
  "wrk -t2 -c$conns -d${duration}s after ${warmup} s warm-up, median of $runs runs; $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
echo
echo "| size | workload | server | req/s | p50 ms | p99 ms | errors | server CPU | PostgreSQL CPU | server RSS MB | SQL statements/request |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
python3 - "$results" "$stmts" "$size" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    n, s, r, rps, p50, p99, e, rq, cpu, pg, rss = line.rstrip("\n").split("|")
    rows.setdefault((n, s), []).append((float(rps), float(p50), float(p99), int(e), float(cpu), float(pg), int(rss)))
stmts = {}
for line in open(sys.argv[2]):
    parts = line.rstrip("\n").split("|")
    if len(parts) == 3:
        stmts[(parts[0], parts[1])] = parts[2]
med = lambda xs: statistics.median(xs)
for (n, s), v in rows.items():
    print(f"| {sys.argv[3]} | {n} | {s} | {med([x[0] for x in v]):.1f} | {med([x[1] for x in v]):.1f} | {med([x[2] for x in v]):.1f} | "
          f"{sum(x[3] for x in v)} | {med([x[4] for x in v]):.0f}% | {med([x[5] for x in v]):.0f}% | {max(x[6] for x in v)} | {stmts.get((n.split(' ')[0], s), 'n/a')} |")
# ratios LabLedger / PostGraphile, per workload number, from the medians
by = {}
for (n, s), v in rows.items():
    by.setdefault(n.split(" ")[0], {})[s] = (med([x[0] for x in v]), med([x[2] for x in v]))
ratios = [(k, d["labledger"], d["postgraphile"]) for k, d in by.items() if "labledger" in d and "postgraphile" in d]
if ratios:
    print()
    print("| size | workload | throughput LabLedger / PostGraphile | p99 LabLedger / PostGraphile |")
    print("|---|---|---|---|")
    for k, a, b in ratios:
        print(f"| {sys.argv[3]} | {k} | {a[0] / b[0]:.2f} | {a[1] / b[1]:.2f} |" if b[0] and b[1] else f"| {sys.argv[3]} | {k} | n/a | n/a |")
PY
rm -f "$results" "$stmts"
