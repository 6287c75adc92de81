#!/usr/bin/env bash
# GraphQL client contract, with the standard tools against the running service ($LABLEDGER_URL):
#  1. the standard introspection query (graphql-js' getIntrospectionQuery) passes; the client schema built from it and
#     the served SDL agree; every element is described, every scalar @specifiedBy, no list of nullable items;
#  2. graphql-codegen (typescript + typescript-operations) generates types for the README's GraphQL queries
#     (extracted from README.md, so the two cannot drift);
#  3. the typed dashboard (dashboard.ts) compiles with TypeScript strict, zero errors, and runs against the service.
# Output goes to contract/generated/graphql/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
bin=../node_modules/.bin
rm -rf ../generated/graphql
node introspect.mjs
node documents.mjs
"$bin/graphql-codegen" --config codegen.yml --silent >/dev/null || "$bin/graphql-codegen" --config codegen.yml
echo "  graphql-codegen: $(grep -c '^export type' ../generated/graphql/types.ts) types in contract/generated/graphql/types.ts"
if ! "$bin/tsc" -p tsconfig.json; then
  echo "  tsc (strict): errors above"; exit 1
fi
echo "  tsc (strict): 0 errors"
node ../generated/graphql/js/graphql/dashboard.js
echo "  graphql: OK"
