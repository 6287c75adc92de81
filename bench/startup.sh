#!/usr/bin/env bash
# Measures LabLedger's start-up on the JVM: from process start (just before `java` is executed) to the first 200 of
# /q/health/ready, and the process's RSS and CPU time (user+system) at that moment; the median of RUNS starts, on a
# fresh database (empty schema: every migration and the whole seed import) and on an unchanged one (the second
# start: schema up to date, seed checksum already imported), and the CPU time of the main thread alone (the start-up's
# own work: the JIT compilers and GC run on other threads), for each mode:
#
#   jvm             java -jar quarkus-run.jar (from target/quarkus-app), the JDK on the PATH (17 here)
#   appcds          the same with -XX:SharedArchiveFile=app-cds.jsa, the archive Quarkus writes at build time (only when
#                   it exists: ./mvnw -B -ntp package -DskipTests -Pappcds); its training run stops after static
#                   initialisation, so it holds only the classes loaded until then (no database needed to build it)
#   appcds-trained  a dynamic AppCDS archive (-XX:ArchiveClassesAtExit) from a training run of this script: a whole
#                   start against the bench database, one REST and one GraphQL request, a clean stop
#   jvm25, aot25    the same jar on JDK 25 (JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; skipped when
#                   absent), without and with its AOT cache (JEP 483/514/515: -XX:AOTCacheOutput from the same kind
#                   of training run, then -XX:AOTCache)
#
#   bench/startup.sh [RUNS] [MODES]        defaults: 5 runs, "jvm appcds appcds-trained jvm25 aot25"
#
# FLOOR=1 measures the floor instead (bench/floor, built by each run; FLOOR_PROFILE=aot builds its aot-jar layout): the
# smallest Quarkus REST + Hibernate ORM + PostgreSQL + health service, reading LabLedger's lab table in the same
# database, so that each of LabLedger's figures is also a ratio to what Quarkus itself needs on this machine.
#
# Uses its own database (STARTUP_DB, default labledger_bench_startup, created by scripts/db.sh) on port STARTUP_PORT
# (default 8097); extra JVM options in JAVA_OPTS; APP_DIR: another build's quarkus-app directory (absolute path;
# OUT_DIR then keeps its logs apart), to compare two commits in the same conditions; STATES="unchanged" measures only the second start. A fresh database is made by dropping and re-creating the public
# schema. Prints a Markdown table; the machine's load (uptime) before and after, since the figures are wall-clock
# times on a shared machine: the CPU column is less sensitive to other load than the wall-clock one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
modes="${2:-jvm appcds appcds-trained jvm25 aot25}"
java17="${JAVA:-java}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
db="${STARTUP_DB:-labledger_bench_startup}"
port="${STARTUP_PORT:-8097}"
jar=target/quarkus-app/quarkus-run.jar
if [ "${FLOOR:-0}" = 1 ]; then
  # the floor: the smallest Quarkus REST + CRUD service (bench/floor), same Quarkus, JDKs and database; built here
  floor_pom=bench/floor/pom.xml
  ./mvnw -B -ntp -q -f "$floor_pom" clean package -DskipTests ${FLOOR_PROFILE:+-P$FLOOR_PROFILE}
  APP_DIR="$PWD/bench/floor/target/quarkus-app"
  OUT_DIR="${OUT_DIR:-$PWD/target/startup-floor}"
fi
app="${APP_DIR:-target/quarkus-app}"   # another build's quarkus-app directory, e.g. to compare two commits
jsa="$app/app-cds.jsa"
export PGPASSWORD="${PGPASSWORD:-labledger}"
scripts/db.sh "$db" >/dev/null 2>&1
[ -n "${APP_DIR:-}" ] || [ -f "$jar" ] || ./mvnw -B -ntp -q package -DskipTests
out_dir="${OUT_DIR:-$PWD/target/startup}"   # the logs of every start, the per-run figures and the trained archives
mkdir -p "$out_dir"
hz=$(getconf CLK_TCK)
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "[startup] port $port is in use: set STARTUP_PORT" >&2; exit 1; fi
running=""
trap '[ -n "$running" ] && kill "$running" 2>/dev/null' EXIT

fresh() {
  psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U labledger -d "$db" \
    -c 'set client_min_messages = warning' -c 'drop schema public cascade' -c 'create schema public' >/dev/null
}

# one start: prints "ms rss_mb cpu_ms"
start_once() {
  local mode="$1" log="$2" opts=()
  # -Xshare:on: an archive the JVM cannot use (another JDK build, another class path) fails the start instead of
  # being ignored silently; the archive names the class path as the build ran it, so start from the jar's directory
  local bin="$java17"
  case "$mode" in
    appcds) opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:on) ;;
    appcds-trained) opts+=("-XX:SharedArchiveFile=$out_dir/trained.jsa" -Xshare:on) ;;
    appcds-train) opts+=("-XX:ArchiveClassesAtExit=$out_dir/trained.jsa") ;;
    jvm25) bin="$java25" ;;
    aot25) bin="$java25"; opts+=("-XX:AOTCache=$out_dir/trained.aot" -XX:AOTMode=on) ;;
    aot25-train) bin="$java25"; opts+=("-XX:AOTCacheOutput=$out_dir/trained.aot") ;;
  esac
  # shellcheck disable=SC2206
  [ -n "${JAVA_OPTS:-}" ] && opts+=($JAVA_OPTS)
  local t0 t1 pid code
  t0=$(date +%s%N)
  (cd "$app" && QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" QUARKUS_HTTP_PORT="$port" \
    exec "$bin" "${opts[@]}" -jar quarkus-run.jar) >"$log" 2>&1 &
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
  if [ "${mode%-train}" != "$mode" ]; then
    # a training run: what a client does first, then a clean stop (the archive is written at exit)
    curl -s -o /dev/null "http://127.0.0.1:$port/api/labs"
    curl -s -o /dev/null "http://127.0.0.1:$port/graphql?query=%7Blabs%7Bitems%7Bslug%7D%7D%7D"
  fi
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
  if [ "${mode%25}" != "$mode" ] && [ ! -x "$java25" ]; then
    echo "[startup] no JDK 25 at $java25 (set JAVA25): $mode skipped" >&2
    continue
  fi
  case "$mode" in
    appcds-trained) rm -f $out_dir/trained.jsa; start_once appcds-train $out_dir/train-appcds.log >/dev/null ;;
    aot25) rm -f $out_dir/trained.aot; start_once aot25-train $out_dir/train-aot25.log >/dev/null ;;
  esac
  for state in ${STATES:-fresh unchanged}; do
    out="$out_dir/$mode-$state.txt"
    : >"$out"
    for i in $(seq 1 "$runs"); do
      if [ "$state" = fresh ]; then fresh; elif [ "$i" = 1 ]; then start_once "$mode" /dev/null >/dev/null; fi
      start_once "$mode" "$out_dir/$mode-$state-$i.log" >>"$out"
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
