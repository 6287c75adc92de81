#!/usr/bin/env bash
# The OpenAPI client contract: the document the service serves is linted by Redocly CLI (recommended ruleset,
# redocly.yaml: zero errors), a TypeScript client is generated from it (openapi-typescript), and client.ts, written
# against the generated types with openapi-fetch, compiles under tsc --strict and runs against the service
# ($LABLEDGER_URL) with typed bodies, asserting the seed data's values. Every tool from contract/node_modules (pinned).
# Known warning (not an error): no-server-example.com (the servers entry is labledger.http.public-base-url,
# http://localhost:... for a local service, as it should be). info.license is declared (Apache-2.0, with its URL).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
contract="$(dirname "$here")"
gen="$contract/generated"
bin="$contract/node_modules/.bin"
mkdir -p "$gen"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

curl -sSf "$LABLEDGER_URL/q/openapi?format=json" -o "$gen/openapi.json"

# (a) lint: zero errors
set +e
"$bin/redocly" lint "$gen/openapi.json" --config "$here/redocly.yaml" --format=json >"$gen/redocly.json" 2>"$gen/redocly.log"
lint=$?
set -e
counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(r.totals.errors, r.totals.warnings);
  for (const p of r.problems) console.error(`    ${p.severity} ${p.ruleId}: ${p.message} (${(p.location[0] || {}).pointer || ""})`);
' "$gen/redocly.json" 2>"$gen/redocly-problems.txt") || { cat "$gen/redocly.log"; echo "  openapi: redocly produced no report"; exit 1; }
read -r errors warnings <<<"$counts"
echo "  openapi: redocly lint (recommended): $errors errors, $warnings warnings"
cat "$gen/redocly-problems.txt"
if [ "$errors" != 0 ] || [ "$lint" != 0 ]; then
  echo "  openapi: FAILED: the OpenAPI document has lint errors"; exit 1
fi

# (b) generate the client types
"$bin/openapi-typescript" "$gen/openapi.json" -o "$gen/api.d.ts" >/dev/null 2>"$gen/openapi-typescript.log" \
  || { cat "$gen/openapi-typescript.log"; echo "  openapi: FAILED: openapi-typescript"; exit 1; }
echo "  openapi: openapi-typescript generated $(grep -c '^' "$gen/api.d.ts") lines of types (generated/api.d.ts)"

# (c) compile the client strictly, then run it against the service
rm -rf "$gen/openapi-client"
(cd "$contract" && "$bin/tsc" -p openapi/tsconfig.json) || { echo "  openapi: FAILED: client.ts does not compile against the generated types"; exit 1; }
echo "  openapi: client.ts compiled (tsc --strict): 0 errors"
node "$gen/openapi-client/openapi/client.js"
