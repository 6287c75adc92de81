#!/usr/bin/env bash
# Makes sure a local PostgreSQL server is up and that LabLedger's role and databases exist.
#
#   scripts/db.sh            ensure server, role 'labledger' and databases 'labledger', 'labledger_test'
#                            and 'labledger_roundtrip' (the export round-trip test's empty database)
#   scripts/db.sh DBNAME...  the same for the named databases
#
# Idempotent. Skipped entirely when QUARKUS_DATASOURCE_JDBC_URL is set: then the operator points
# LabLedger at a database of their own and this script must not touch the local machine.
# Installs PostgreSQL with apt-get when no server is installed (Debian/Ubuntu, as root).
set -euo pipefail

ROLE="${LABLEDGER_DB_ROLE:-labledger}"
PASSWORD="${LABLEDGER_DB_PASSWORD:-labledger}"
PORT="${LABLEDGER_DB_PORT:-5432}"
DBS=("$@")
[ ${#DBS[@]} -gt 0 ] || DBS=(labledger labledger_test labledger_roundtrip)

log() { echo "[db] $*" >&2; }

if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  log "QUARKUS_DATASOURCE_JDBC_URL is set: using that datasource, local server untouched"
  exit 0
fi

# Without root or passwordless sudo this script cannot install, start or set up PostgreSQL: say so and how to go on,
# instead of failing later on an unexplained sudo or psql error.
cannot_act() {
  log "cannot $1: this needs root or passwordless sudo (sudo -n), and $(id -un) has neither."
  log "Either run it as root (or with passwordless sudo), or use an existing PostgreSQL server instead:"
  log "  export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://HOST:5432/DBNAME"
  log "  export QUARKUS_DATASOURCE_USERNAME=USER QUARKUS_DATASOURCE_PASSWORD=PASSWORD"
  log "(tests: _TEST_QUARKUS_DATASOURCE_JDBC_URL for the test database); with QUARKUS_DATASOURCE_JDBC_URL set this script does nothing."
  exit 2
}
can_sudo() { command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif can_sudo; then sudo -n "$@"
  else cannot_act "run '$*' as root"; fi
}
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then "$@"
  elif can_sudo; then sudo -n -u postgres "$@"
  else cannot_act "run '$1' as the postgres superuser (to create role '$ROLE' and the databases)"; fi
}

# 1. installed?
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "PostgreSQL is not installed: installing it with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# 2. a cluster, running?
if command -v pg_lsclusters >/dev/null 2>&1; then
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "no cluster: creating $ver/main"
    as_root pg_createcluster "$ver" main --start -p "$PORT" >/dev/null
  fi
  while read -r ver name port status _; do
    if [ "$status" != online ]; then
      log "starting cluster $ver/$name (port $port)"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start
    fi
  done < <(pg_lsclusters -h)
fi

for i in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "PostgreSQL does not answer on 127.0.0.1:$PORT"; exit 1; }

# 3. role and databases (as the postgres superuser over the local socket)
psql_su() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }
psql_su -v role="$ROLE" -v pw="$PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SQL
for db in "${DBS[@]}"; do
  psql_su -v db="$db" -v role="$ROLE" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
done
log "ready: role '$ROLE', databases ${DBS[*]} on 127.0.0.1:$PORT"
