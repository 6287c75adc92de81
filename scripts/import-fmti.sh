#!/usr/bin/env bash
# Imports one FMTI edition from the command line through the running service's import endpoint.
#
#   scripts/import-fmti.sh EDITION DIR [--dry-run] [--matrix-only]
#     DIR holds <EDITION>_scores.csv, optionally <EDITION>_indicators.csv and reports/*.csv
#     --matrix-only leaves the reports out (the May 2024 reports rename 8 indicators and are rejected)
#   e.g. scripts/import-fmti.sh Dec2025 data/fmti/Dec2025
#        scripts/import-fmti.sh May2024 data/fmti/May2024 --matrix-only
#
# LABLEDGER_URL (default http://localhost:8080) and TOKEN (default: a dev admin token from
# scripts/dev-token.sh: an edition naming developers LabLedger does not know creates labs, which needs the role
# admin; a curator's token imports editions of known labs, and --dry-run lists the labs an import would create) can be set. Prints the import report (JSON) or the problem; exits 1 on a problem.
set -euo pipefail
cd "$(dirname "$0")/.."
edition="${1:?usage: scripts/import-fmti.sh EDITION DIR [--dry-run]}"
dir="${2:?usage: scripts/import-fmti.sh EDITION DIR [--dry-run]}"
dry=false
reports=true
for opt in "${@:3}"; do
  case "$opt" in
    --dry-run) dry=true ;;
    --matrix-only) reports=false ;;
    *) echo "unknown option $opt" >&2; exit 2 ;;
  esac
done
url="${LABLEDGER_URL:-http://localhost:8080}"
token="${TOKEN:-$(scripts/dev-token.sh admin fmti-import)}"
scores="$dir/${edition}_scores.csv"
[ -f "$scores" ] || { echo "no scores file $scores" >&2; exit 2; }
args=(-F "edition=$edition" -F "scores=@$scores")
[ -f "$dir/${edition}_indicators.csv" ] && args+=(-F "indicators=@$dir/${edition}_indicators.csv")
if $reports && [ -d "$dir/reports" ]; then
  for f in "$dir"/reports/*.csv; do args+=(-F "reports=@$f"); done
fi
out=$(mktemp)
code=$(curl -s -o "$out" -w '%{http_code}' -H "Authorization: Bearer $token" "${args[@]}" "$url/api/imports/fmti?dryRun=$dry")
cat "$out"; echo; rm -f "$out"
[ "$code" = 200 ]
