#!/bin/bash
# Writes the JVM's start-up cache for the packaged application during the image build (docker/Dockerfile.jvm), with
# the runtime image's own `java`: a cache works only with the exact JDK build that wrote it. Run as root from the image
# build; no database is needed, and none is reachable there.
#
#   JDK 25 or later (the JVM has -XX:AOTCacheOutput, JEP 483/514/515): an AOT cache, /deployments/app.aot. The training
#     run is a whole start with nothing that needs the database at start (no migration, no seed import, no schema
#     validation; the datasource points at a closed port, so every query fails at once), then requests that go through
#     REST, GraphQL, OpenAPI, health and the site (answered 503 or with errors: the database is down), then a clean stop,
#     at which the JVM writes the cache: the classes of every extension's start-up and of the request paths, linked,
#     with their profiles.
#   JDK 17 to 24: an AppCDS archive, /deployments/app-cds.jsa (-XX:ArchiveClassesAtExit), from a start against the
#     closed port: static initialisation and the run-time initialisation up to Flyway's first connection, which fails.
#
# Either way it writes /deployments/jvm-cache.args, the JVM option that maps what it wrote (a `java @argfile`, named in
# the image's JAVA_OPTS_APPEND). The JVM maps a cache it can use and ignores, with a warning, one it cannot (-Xshare:auto
# and AOTMode=auto, the defaults): a cache never stops the service from starting. The build fails unless the training
# ran as described and wrote its file. bench/README.md, "Start-up", has the measurements.
set -euo pipefail
jar=/deployments/quarkus-run.jar
work=/tmp/jvm-cache-training
# everything the run writes (its log, Vert.x' file cache, the JVM's perf data) goes to a directory removed afterwards:
# nothing root-owned is left in /tmp, which podman copies into the container's /tmp tmpfs
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
log="$work/log"
# -Xmx512m keeps compressed oops on, as under any heap below 32 GB, also on a build machine with a large memory (a
# different mode would make the cache unusable)
opts=(-Xmx512m -XX:-UsePerfData "-Djava.io.tmpdir=$work")
closed_db=jdbc:postgresql://127.0.0.1:1/jvm-cache-training

failed() { grep -vE '\[(cds|aot)\]' "$log" | tail -40 >&2 || true; echo "[jvm-cache] FAILED: $*" >&2; exit 1; }

if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
  # one HTTP/1.1 request over bash's /dev/tcp (no curl in a minimal image); prints the status line
  request() { # method path [body]
    local body="${3:-}" status
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf '%s %s HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
      "$1" "$2" "${#body}" "$body" >&3
    IFS= read -r status <&3 || true
    cat <&3 >/dev/null || true
    exec 3<&-
    echo "[jvm-cache] training: $1 $2 -> ${status%$'\r'}"
  }
  QUARKUS_DATASOURCE_JDBC_URL="$closed_db" QUARKUS_FLYWAY_MIGRATE_AT_START=false LABLEDGER_SEED_IMPORT_ON_START=false \
  QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY=none QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=0 \
    java "${opts[@]}" -XX:AOTCacheOutput=/deployments/app.aot -jar "$jar" >"$log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1 900); do  # up to 3 minutes
    port=$(sed -n 's#.*Listening on: http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || failed "the training run stopped before it was listening"
    sleep 0.2
  done
  [ -n "$port" ] || { kill "$pid" 2>/dev/null || true; failed "the training run was not listening after 3 minutes"; }
  request GET /api/labs
  request GET '/api/questions?size=5'
  request POST /graphql '{"query":"{ labs { slug name } lab(slug: \"anthropic\") { answerPage(size: 5) { totalItems items { status question { key topic { slug } } } } } }"}'
  request GET '/graphql?query=%7Blabs%7Bslug%7D%7D'
  request GET /q/openapi
  request GET /q/health/ready
  request GET /
  kill -TERM "$pid"
  wait "$pid" || true   # a stopped Quarkus exits 0 or 143; the cache is what counts
  [ -s /deployments/app.aot ] || failed "the training run wrote no AOT cache"
  echo "-XX:AOTCache=/deployments/app.aot" >/deployments/jvm-cache.args
  chmod 0644 /deployments/app.aot
  echo "[jvm-cache] AOT cache /deployments/app.aot: $(du -m /deployments/app.aot | cut -f1) MB"
else
  QUARKUS_DATASOURCE_JDBC_URL="$closed_db" java "${opts[@]}" -XX:ArchiveClassesAtExit=/deployments/app-cds.jsa -jar "$jar" \
    >"$log" 2>&1 || true
  grep -q 'Unable to obtain connection from database' "$log" && [ -s /deployments/app-cds.jsa ] \
    || failed "the training run did not stop at Flyway's first connection with an AppCDS archive written"
  echo "-XX:SharedArchiveFile=/deployments/app-cds.jsa -Xshare:auto" >/deployments/jvm-cache.args
  chmod 0644 /deployments/app-cds.jsa
  echo "[jvm-cache] AppCDS archive /deployments/app-cds.jsa: $(du -m /deployments/app-cds.jsa | cut -f1) MB"
fi
chmod 0644 /deployments/jvm-cache.args
