#!/usr/bin/env bash
# The public site (issue 16) in Chromium (Debian's /usr/bin/chromium, driven by playwright-core): real content on
# every page, a filter round-tripping through the URL, the agreement diff, an as-of date changing the matrix, a
# curator write shown by the pages (and reverted), no console errors, no request to any host but the service, no
# serious or critical axe-core violation, usable at phone width, and live: an open matrix updates on a curator write
# through GET /api/changes/stream (LABLEDGER_SITE_LIVE_TEST=0 leaves that part out). Screenshots into
# target/screenshots/; LABLEDGER_SCREENSHOT_DIR=docs/screenshots refreshes the README's pictures.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
# a curator token for the write the check makes (and reverts); the key pair was made by scripts/contract.sh
export LABLEDGER_CURATOR_TOKEN="$("$root/scripts/dev-token.sh" curator contract-site 30)"
node site.mjs
