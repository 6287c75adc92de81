#!/usr/bin/env bash
# Runs LabLedger on http://localhost:8080 with the seed data loaded: makes sure the local PostgreSQL
# server and the 'labledger' database exist (scripts/db.sh), builds the application and starts the
# packaged jar (JVM mode). Swagger UI: /q/swagger-ui, GraphQL UI: /q/graphql-ui.
#
# For development with live reload use `./mvnw quarkus:dev` instead (README, "Developing: dev mode").
# Extra arguments go to the JVM (e.g. -Dquarkus.http.port=9090).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/db.sh
# a development key pair for bearer tokens (scripts/dev-token.sh ROLE prints one), unless one exists
[ -f .labledger/jwt/public.pem ] || scripts/dev-token.sh reader >/dev/null
# rebuild only when the packaged jar is missing or older than a source of it (src/main/, seeds/, pom.xml, .mvn/; tests are not in the jar);
# LABLEDGER_REBUILD=1 forces a build
jar=target/quarkus-app/quarkus-run.jar
newer=""
[ -f "$jar" ] && newer=$(find src/main seeds pom.xml .mvn -newer "$jar" -type f -print -quit 2>/dev/null || true)
if [ "${LABLEDGER_REBUILD:-}" = 1 ] || [ ! -f "$jar" ] || [ -n "$newer" ]; then
  if [ ! -f "$jar" ]; then why="no $jar yet"; elif [ -n "$newer" ]; then why="$newer is newer than $jar"; else why="LABLEDGER_REBUILD=1"; fi
  echo "[run] building ($why): ./mvnw package -DskipTests" >&2
  ./mvnw -B -ntp -q package -DskipTests
else
  echo "[run] $jar is up to date (nothing under src/main/, seeds/, pom.xml, .mvn/ is newer): not rebuilding" >&2
fi
echo "[run] starting java -jar $jar $* (port 8080 unless -Dquarkus.http.port or QUARKUS_HTTP_PORT says otherwise)" >&2
exec java "$@" -jar "$jar"
