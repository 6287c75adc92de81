#!/usr/bin/env bash
# The bundled GraphQL UI at /q/graphql-ui/ works in Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
# the schema loads, the doc explorer shows it, a query runs and shows seed data; nothing is loaded from a CDN.
set -euo pipefail
cd "$(dirname "$0")"
node ui.mjs
