# A THROWAWAY PostgreSQL server for scripts that stop and start the database on purpose
# (scripts/db-outage-check.sh, bench/fault.sh). Source it, don't run it.
#
# The cluster lives in a temporary directory (initdb as the 'postgres' OS user), listens on 127.0.0.1:PORT
# and keeps its socket in that directory. It is NOT registered with postgresql-common (no pg_createcluster):
# pg_lsclusters does not list it, so nothing else on the machine (scripts/db.sh starts every offline
# registered cluster) can restart it behind the caller's back while it is meant to be down. The machine's
# own server (5432) is never touched.
#
#   tpg_create PORT            initdb into a new temp dir (TPG_DIR), configure, no start
#   tpg_start                  start and wait until it accepts connections
#   tpg_stop [fast|immediate|smart]   stop and wait
#   tpg_freeze / tpg_thaw      SIGSTOP / SIGCONT the server's processes (no socket is closed)
#   tpg_ready                  0 when it accepts connections
#   tpg_psql ARGS...           psql as the superuser over the cluster's socket
#   tpg_database NAME ROLE PW  create the login role (password) and a database it owns
#   tpg_destroy                stop (immediate) and delete the directory; safe to call twice
#
# Needs PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin (Debian/Ubuntu), root or postgres.

TPG_VER="${PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)}"
TPG_BIN="/usr/lib/postgresql/$TPG_VER/bin"
TPG_DIR=
TPG_PORT=

_tpg_as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

# 0 when nothing listens on 127.0.0.1:$1
tpg_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

tpg_create() {
  TPG_PORT="$1"
  [ -x "$TPG_BIN/initdb" ] || { echo "[tpg] no PostgreSQL server binaries in $TPG_BIN" >&2; return 1; }
  tpg_port_free "$TPG_PORT" || { echo "[tpg] port $TPG_PORT is in use; choose another (env)" >&2; return 1; }
  TPG_DIR=$(mktemp -d /tmp/labledger-pg-XXXXXX)
  chown postgres:postgres "$TPG_DIR" 2>/dev/null || true
  _tpg_as_postgres "$TPG_BIN/initdb" -D "$TPG_DIR/data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$TPG_DIR/initdb.log" 2>&1 \
    || { cat "$TPG_DIR/initdb.log" >&2; return 1; }
  cat >>"$TPG_DIR/data/postgresql.conf" <<EOF
# throwaway cluster (scripts/lib/throwaway-pg.sh)
port = $TPG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$TPG_DIR'
max_connections = 50
shared_buffers = 64MB
# durability as in production: acknowledged commits must survive a crash (stop -m immediate)
fsync = on
synchronous_commit = on
EOF
}

tpg_start() {
  _tpg_as_postgres "$TPG_BIN/pg_ctl" -D "$TPG_DIR/data" -l "$TPG_DIR/server.log" -w -t 60 start >/dev/null
}

tpg_stop() {
  _tpg_as_postgres "$TPG_BIN/pg_ctl" -D "$TPG_DIR/data" -m "${1:-fast}" -w -t 60 stop >/dev/null
}

# the server's processes (postmaster first, then its children)
_tpg_pids() {
  local pm; pm=$(head -1 "$TPG_DIR/data/postmaster.pid" 2>/dev/null) || return 0
  echo "$pm"; pgrep -P "$pm" || true
}

# freezes the server without closing a socket (kill -STOP): like a paused VM or a network that drops
# packets; connections stay open and nothing answers. tpg_thaw resumes it.
tpg_freeze() {
  local p; for p in $(_tpg_pids); do kill -STOP "$p"; done
}

tpg_thaw() {
  local p; for p in $(_tpg_pids); do kill -CONT "$p"; done
}

tpg_ready() {
  "$TPG_BIN/pg_isready" -q -h 127.0.0.1 -p "$TPG_PORT"
}

tpg_psql() {
  _tpg_as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$TPG_DIR" -p "$TPG_PORT" "$@"
}

tpg_database() {
  local db=$1 role=$2 pw=$3
  tpg_psql -d postgres -v role="$role" -v pw="$pw" -v db="$db" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

tpg_destroy() {
  [ -n "$TPG_DIR" ] && [ -d "$TPG_DIR" ] || return 0
  if [ -f "$TPG_DIR/data/postmaster.pid" ]; then
    tpg_thaw 2>/dev/null || true
    _tpg_as_postgres "$TPG_BIN/pg_ctl" -D "$TPG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TPG_DIR"
  TPG_DIR=
}
