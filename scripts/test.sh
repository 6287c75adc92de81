#!/usr/bin/env bash
# The whole test suite against a real local PostgreSQL: makes sure the server and the test database
# exist (scripts/db.sh), then runs the unit/HTTP tests (@QuarkusTest) and the tests against the
# packaged jar (@QuarkusIntegrationTest). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/db.sh
exec ./mvnw -B -ntp verify -DskipITs=false "$@"
