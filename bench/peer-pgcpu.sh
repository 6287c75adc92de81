#!/usr/bin/env bash
# CPU time spent inside PostgreSQL on behalf of one client process: prints "BACKEND_PID TICKS" (utime + stime,
# in clock ticks, getconf CLK_TCK) for every backend serving one of PID's connections to port 5432.
#
#   bench/peer-pgcpu.sh PID > before; ...load...; bench/peer-pgcpu.sh PID > after
#   awk 'NR==FNR {a[$1]=$2; next} {d += $2 - ($1 in a ? a[$1] : 0)} END {print d+0}' before after   # ticks
#
# Why: PostGraphile compiles a GraphQL request into one SQL statement that builds the whole JSON tree in
# PostgreSQL, while LabLedger builds it in the JVM, so the server process's own CPU undercounts the peer's cost.
# Works for either server (matches backends by client port). Backends that close during the load are missed.
set -euo pipefail
pid="${1:?usage: bench/peer-pgcpu.sh PID}"
ports=$(ss -tnpH state established '( dport = :5432 )' | { grep "pid=$pid," || true; } | awk '{p = $3; sub(/.*:/, "", p); print p}' | paste -sd, -)
[ -n "$ports" ] || exit 0
PGPASSWORD="${PGPASSWORD:-labledger}" psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-labledger}" -d postgres -tAc \
  "select pid from pg_stat_activity where client_port in ($ports)" |
while read -r b; do
  [ -r "/proc/$b/stat" ] && echo "$b $(awk '{print $14 + $15}' "/proc/$b/stat")"
done
exit 0
