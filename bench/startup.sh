#!/usr/bin/env bash
# Measures LabLedger's start-up on the JVM: from process start (just before `java` is executed) to the first 200 of
# /q/health/ready, and the process's RSS and CPU time (user+system) at that moment; the median of RUNS starts, on a
# fresh database (empty schema: every migration and the whole seed import) and on an unchanged one (the second
# start: schema up to date, seed checksum already imported), and the CPU time of the main thread alone (the start-up's
# own work: the JIT compilers and GC run on other threads), for each mode:
#
#   jvm     java -jar target/quarkus-app/quarkus-run.jar
#   appcds  the same with -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa (only when that archive exists: build
#           it with ./mvnw -B -ntp package -DskipTests -Pappcds, see bench/README.md "Start-up")
#
#   bench/startup.sh [RUNS] [MODES]        defaults: 5 runs, "jvm appcds"
#
# Uses its own database (STARTUP_DB, default labledger_bench_startup, created by scripts/db.sh) on port STARTUP_PORT
# (default 8097); extra JVM options in JAVA_OPTS; STATES="unchanged" measures only the second start. A fresh database is made by dropping and re-creating the public
# schema. Prints a Markdown table; the machine's load (uptime) before and after, since the figures are wall-clock
# times on a shared machine: the CPU column is less sensitive to other load than the wall-clock one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
modes="${2:-jvm appcds}"
db="${STARTUP_DB:-labledger_bench_startup}"
port="${STARTUP_PORT:-8097}"
jar=target/quarkus-app/quarkus-run.jar
jsa=target/quarkus-app/app-cds.jsa
export PGPASSWORD="${PGPASSWORD:-labledger}"
scripts/db.sh "$db" >/dev/null 2>&1
[ -f "$jar" ] || ./mvnw -B -ntp -q package -DskipTests
mkdir -p target/startup
hz=$(getconf CLK_TCK)
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "[startup] port $port is in use: set STARTUP_PORT" >&2; exit 1; fi
running=""
trap '[ -n "$running" ] && kill "$running" 2>/dev/null' EXIT

fresh() { psql -q -h 127.0.0.1 -U labledger -d "$db" -c 'drop schema public cascade; create schema public' >/dev/null 2>&1; }

# one start: prints "ms rss_mb cpu_ms"
start_once() {
  local mode="$1" log="$2" opts=()
  # -Xshare:on: an archive the JVM cannot use (another JDK build, another class path) fails the start instead of
  # being ignored silently; the archive names the class path as the build ran it, so start from the jar's directory
  [ "$mode" = appcds ] && opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:on)
  # shellcheck disable=SC2206
  [ -n "${JAVA_OPTS:-}" ] && opts+=($JAVA_OPTS)
  local t0 t1 pid code
  t0=$(date +%s%N)
  (cd target/quarkus-app && QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" QUARKUS_HTTP_PORT="$port" \
    exec java "${opts[@]}" -jar quarkus-run.jar) >"$log" 2>&1 &
  pid=$!
  running=$pid
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "[startup] the service exited before it was ready, see $log" >&2; exit 1; fi
    # connect without forking a process per attempt until the port is open (Quarkus opens it last), then ask
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready" || true)
      [ "$code" = 200 ] && break
    fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  local rss cpu main
  rss=$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  # fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in clock ticks
  cpu=$(sed 's/^.*) //' "/proc/$pid/stat" | awk -v hz="$hz" '{printf "%d", ($12 + $13) * 1000 / hz}')
  # the main thread's share: the start-up's own work, which JIT and GC threads only compete with for the cores
  # (the launcher starts Java's main thread as a new thread, also named "java"; the launcher's own thread waits)
  main=$(for t in /proc/"$pid"/task/*; do if [ "$(cat "$t/comm")" = java ]; then sed 's/^.*) //' "$t/stat"; fi; done \
    | awk -v hz="$hz" '{s += $12 + $13} END {printf "%d", s * 1000 / hz}')
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  running=""
  echo "$(( (t1 - t0) / 1000000 )) $rss $cpu $main"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

echo "[startup] load before: $(uptime)" >&2
echo "| mode | database | start → ready ms (median of $runs) | min–max ms | RSS MB | CPU ms (all threads) | CPU ms (main thread) |"
echo "|---|---|---:|---:|---:|---:|---:|"
for mode in $modes; do
  if [ "$mode" = appcds ] && [ ! -f "$jsa" ]; then
    echo "[startup] $jsa is missing (build with -Pappcds): appcds skipped" >&2
    continue
  fi
  for state in ${STATES:-fresh unchanged}; do
    out="target/startup/$mode-$state.txt"
    : >"$out"
    for i in $(seq 1 "$runs"); do
      if [ "$state" = fresh ]; then fresh; elif [ "$i" = 1 ]; then start_once "$mode" /dev/null >/dev/null; fi
      start_once "$mode" "$PWD/target/startup/$mode-$state-$i.log" >>"$out"
    done
    ms=$(cut -d' ' -f1 "$out" | median)
    lo=$(cut -d' ' -f1 "$out" | sort -n | head -1)
    hi=$(cut -d' ' -f1 "$out" | sort -n | tail -1)
    rss=$(cut -d' ' -f2 "$out" | median)
    cpu=$(cut -d' ' -f3 "$out" | median)
    main=$(cut -d' ' -f4 "$out" | median)
    echo "| $mode | $state | $ms | $lo–$hi | $rss | $cpu | $main |"
  done
done
echo "[startup] load after: $(uptime)" >&2
