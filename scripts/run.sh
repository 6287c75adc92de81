#!/usr/bin/env bash
# Runs LabLedger in dev mode on http://localhost:8080 with the seed data loaded: makes sure the
# local PostgreSQL server and the 'labledger' database exist (scripts/db.sh), then starts Quarkus dev
# mode (live reload; Swagger UI at /q/swagger-ui, GraphQL UI at /q/graphql-ui). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/db.sh
exec ./mvnw -ntp quarkus:dev "$@"
