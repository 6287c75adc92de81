#!/usr/bin/env bash
# Creates and fills the benchmark database of one size, labledger_bench_SIZE, if it is not ready yet, and exits:
# scripts/db.sh creates it, one start of the packaged jar (on a free port, stopped again) migrates the schema and
# imports the seeds, bench/generate.sql adds the synthetic labs and questions (m, l), and bench/peer/scorecards.sql
# adds the peer's scorecard functions (bench/peer.sh applies it again; idempotent). bench/run.sh calls it first;
# run it alone to have the data ready ahead of a measurement (l: ~2.5 min of generation on an idle machine).
#
#   bench/prepare.sh SIZE        SIZE: seed | m (+100 labs x 2,000 questions) | l (+500 labs x 10,000 questions)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:?usage: bench/prepare.sh seed|m|l}"
case "$size" in
  seed) labs=0; questions=0 ;;
  m) labs=100; questions=2000 ;;
  l) labs=500; questions=10000 ;;
  *) echo "unknown size $size" >&2; exit 2 ;;
esac
db="labledger_bench_$size"
export PGPASSWORD=labledger
q() { psql -h 127.0.0.1 -U labledger -d "$db" -tAc "$1"; }
scripts/db.sh "$db" >/dev/null 2>&1
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -ntp -q package -DskipTests
mkdir -p target
# ready already: migrated once and (m, l) generated; bench/run.sh's own start migrates a newer jar's schema anyway
if [ "$(q "select to_regclass('flyway_schema_history') is not null" 2>/dev/null)" = t ] &&
   [ "$(q "select count(*) from lab where slug like 'bench-lab-%'")" -ge "$labs" ]; then
  echo "[prepare] $db is ready: $(q "select count(*) from lab") labs, $(q "select count(*) from answer") answers" >&2
  exit 0
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_HTTP_PORT=$port QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar >> "target/bench-prepare-$size.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 480); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && { ready=1; break; }
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
[ -n "$ready" ] || { echo "[prepare] LabLedger did not become ready; see target/bench-prepare-$size.log" >&2; exit 1; }
kill $pid; wait $pid 2>/dev/null || true
if [ "$labs" -gt 0 ] && [ "$(q "select count(*) from lab where slug like 'bench-lab-%'")" -lt "$labs" ]; then
  echo "[prepare] generating $labs labs x $questions questions into $db" >&2
  start=$(date +%s)
  psql -q -h 127.0.0.1 -U labledger -d "$db" -v labs=$labs -v questions=$questions -f bench/generate.sql
  echo "[prepare] generated in $(( $(date +%s) - start )) s" >&2
fi
psql -q -h 127.0.0.1 -U labledger -d "$db" -f bench/peer/scorecards.sql
echo "[prepare] $db: $(q "select count(*) from lab") labs, $(q "select count(*) from question") questions, $(q "select count(*) from answer") answers" >&2
