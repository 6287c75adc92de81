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
./mvnw -B -ntp -q package -DskipTests
exec java "$@" -jar target/quarkus-app/quarkus-run.jar
