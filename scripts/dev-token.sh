#!/usr/bin/env bash
# Prints a bearer token (JWT, RS256) that a LabLedger started by scripts/run.sh accepts.
#
#   scripts/dev-token.sh ROLE [SUBJECT] [MINUTES]     ROLE: curator | admin | reader
#   scripts/dev-token.sh lab LAB [SUBJECT] [MINUTES]  a lab's representative (issue 17): groups [lab], claim lab=LAB
#
# A lab token is accepted only while an admin lists its subject as a representative of LAB
# (POST /api/labs/LAB/representatives {"subject": "..."}); the subject defaults to dev-lab-LAB.
#
# The first call generates a development key pair under .labledger/jwt/ (git-ignored; never commit it, and
# never use it in production: there, point mp.jwt.verify.publickey.location at your identity provider's key).
# Token claims: iss https://labledger.local, aud labledger, groups [ROLE] (admin also gets curator).
# MINUTES (default 60) may be at most 1440: the service refuses tokens that live longer than
# labledger.security.token-max-lifetime (24 h).
set -euo pipefail
cd "$(dirname "$0")/.."
role="${1:?usage: scripts/dev-token.sh curator|admin|reader [subject] [minutes] | lab <lab-slug> [subject] [minutes]}"
extra=''
if [ "$role" = lab ]; then
  lab="${2:?usage: scripts/dev-token.sh lab <lab-slug> [subject] [minutes]}"
  case "$lab" in *[!a-z0-9-]*|'') echo "not a lab slug: '$lab'" >&2; exit 2 ;; esac
  shift
  # the claim's name is the service's labledger.reply.lab-claim (LABLEDGER_REPLY_LAB_CLAIM), default lab
  extra=$(printf ',"%s":"%s"' "${LABLEDGER_REPLY_LAB_CLAIM:-lab}" "$lab")
  set -- lab "${2:-dev-lab-$lab}" "${3:-60}"
fi
subject="${2:-dev-$role}"
minutes="${3:-60}"
case "$role" in
  lab) groups='["lab"]' ;;
  curator) groups='["curator"]' ;;
  admin) groups='["admin","curator"]' ;;
  reader) groups='["reader"]' ;;
  *) echo "unknown role '$role': curator, admin, reader or lab" >&2; exit 2 ;;
esac
dir=.labledger/jwt
if [ ! -f "$dir/private.pem" ] || [ ! -f "$dir/public.pem" ]; then
  mkdir -p "$dir" && chmod 700 .labledger "$dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
  openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
  chmod 600 "$dir/private.pem"
  echo "[dev-token] generated a development key pair in $dir (restart the service to load it)" >&2
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://labledger.local","aud":"labledger","sub":"%s","upn":"%s","groups":%s,"iat":%d,"exp":%d,"jti":"%s"%s}' \
  "$subject" "$subject" "$groups" "$now" $((now + minutes * 60)) "$(openssl rand -hex 8)" "$extra" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
