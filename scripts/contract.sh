#!/usr/bin/env bash
# The client contract suite: the standard client tools, unchanged, against the running packaged service.
# Starts target/quarkus-app/quarkus-run.jar (built by `./mvnw verify`; run scripts/test.sh or
# `./mvnw package -DskipTests` first) on port ${LABLEDGER_CONTRACT_PORT:-8191} over the database
# 'labledger_contract' (created by scripts/db.sh, seed data loaded at start), installs the pinned
# npm packages of contract/ (package-lock.json, `npm ci`) and runs every contract/*/check.sh with
# LABLEDGER_URL pointing at the service. Each check prints what it did and exits non-zero on failure.
# Skip it with LABLEDGER_SKIP_CONTRACT=1 (e.g. on a machine without Node.js).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${LABLEDGER_SKIP_CONTRACT:-}" = 1 ] && { echo "[contract] skipped (LABLEDGER_SKIP_CONTRACT=1)"; exit 0; }
command -v node >/dev/null || { echo "[contract] FAILED: Node.js (node, npm) is needed for the client contract suite (or set LABLEDGER_SKIP_CONTRACT=1)"; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "[contract] FAILED: no packaged jar: run ./mvnw package -DskipTests first"; exit 1; }

# the browser check drives Debian's Chromium (playwright-core cannot download a browser here): install it when absent
CHROMIUM="${LABLEDGER_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
  echo "[contract] $CHROMIUM is missing: installing Debian's chromium with apt-get"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "[contract] FAILED: the GraphQL UI check needs Chromium at $CHROMIUM; install the Debian package 'chromium' (needs root or passwordless sudo), point LABLEDGER_CHROMIUM at a Chromium binary, or skip the suite with LABLEDGER_SKIP_CONTRACT=1"
    exit 1
  fi
  [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
export LABLEDGER_CHROMIUM="$CHROMIUM"

PORT="${LABLEDGER_CONTRACT_PORT:-8191}"
DB="${LABLEDGER_CONTRACT_DB:-labledger_contract}"
export LABLEDGER_URL="http://localhost:$PORT"
scripts/db.sh "$DB"
[ -f .labledger/jwt/public.pem ] || scripts/dev-token.sh reader >/dev/null

if [ ! -d contract/node_modules ] || [ contract/package-lock.json -nt contract/node_modules/.package-lock.json ]; then
  echo "[contract] npm ci (contract/package-lock.json)"
  (cd contract && npm ci --no-audit --no-fund --loglevel=error)
fi

log=target/contract-service.log
# a fresh database each run: Flyway cleans it, the seed import fills it
QUARKUS_DATASOURCE_JDBC_URL="${LABLEDGER_CONTRACT_JDBC_URL:-jdbc:postgresql://localhost:5432/$DB}" \
QUARKUS_FLYWAY_CLEAN_DISABLED=false QUARKUS_FLYWAY_CLEAN_AT_START=true \
  java -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$LABLEDGER_URL/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "[contract] FAILED: the service did not start (log above)"; exit 1; }
  sleep 0.5
done
curl -sf "$LABLEDGER_URL/q/health/ready" >/dev/null || { tail -50 "$log"; echo "[contract] FAILED: not ready after 60 s"; exit 1; }
echo "[contract] service up at $LABLEDGER_URL (log: $log)"

failed=()
for check in contract/*/check.sh; do
  [ -e "$check" ] || continue
  echo "[contract] $check"
  if ! bash "$check"; then failed+=("$check"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  printf '[contract] FAILED: %s\n' "${failed[@]}"; exit 1
fi
echo "[contract] OK: $(ls contract/*/check.sh 2>/dev/null | wc -l) checks passed"
