#!/usr/bin/env bash
# The service answers the two documents every client tool starts from: the OpenAPI document and the
# GraphQL schema (SDL), both non-empty and of the right media type.
set -euo pipefail
ct=$(curl -sS -o /dev/null -w '%{content_type}' "$LABLEDGER_URL/q/openapi?format=json")
case "$ct" in application/json*) ;; *) echo "openapi: content type '$ct'"; exit 1 ;; esac
# (grep reads the whole SDL: grep -q would close the pipe at the first match and fail curl under pipefail)
curl -sSf "$LABLEDGER_URL/graphql/schema.graphql" | grep '^type Query' >/dev/null || { echo "graphql: no 'type Query' in the SDL"; exit 1; }
echo "  smoke: OpenAPI document and GraphQL SDL served"
