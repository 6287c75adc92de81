#!/usr/bin/env bash
# The whole test suite against a real local PostgreSQL: makes sure the server and the test database
# exist (scripts/db.sh), then runs the unit/HTTP tests (@QuarkusTest) and the tests against the
# packaged jar (@QuarkusIntegrationTest). Extra arguments go to Maven (both runs).
#
# Then the native-image check: a sources-only native build (no GraalVM needed: it stops before
# native-image and writes target/native-sources/) reusing the classes compiled by `verify`. It fails on
# any build warning (unregistered reflection, missing resources, initialisation problems are reported
# as warnings) and when a record of src/main/java that Jackson serialises is missing from the generated
# reflection configuration. Skip it with LABLEDGER_SKIP_NATIVE_CHECK=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/db.sh
./mvnw -B -ntp verify -DskipITs=false "$@"

# the client contract suite: graphql-codegen, TypeScript strict, Redocly, openapi-typescript/openapi-fetch and
# Chromium against the packaged jar that verify just built (scripts/contract.sh; LABLEDGER_SKIP_CONTRACT=1 skips it)
scripts/contract.sh

# the container images built and run with Podman (JVM image, docker/compose.yaml) and the Kubernetes manifests
# validated (scripts/container-smoke.sh; LABLEDGER_SKIP_CONTAINER=1 skips it, and it skips itself without podman)
scripts/container-smoke.sh

[ "${LABLEDGER_SKIP_NATIVE_CHECK:-}" = 1 ] && exit 0

echo "[test] native image sources (quarkus.native.sources-only)"
log=target/native-sources-build.log
if ! ./mvnw -B -ntp package -DskipTests -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true "$@" >"$log" 2>&1; then
  cat "$log"; echo "[test] FAILED: native sources build (log above)"; exit 1
fi
# Quarkus 3.33's jar builder reports its own enhanced copy of Panache's PanacheEntity (which LabLedger does not
# use) twice; that one line is Quarkus' packaging, not the application, and is the only warning let through.
BENIGN="Duplicate entry 'io/quarkus/hibernate/orm/panache/PanacheEntity.class'"
if grep '^\[WARNING\]' "$log" | grep -vqF "$BENIGN"; then
  grep '^\[WARNING\]' "$log" | grep -vF "$BENIGN"; echo "[test] FAILED: the native sources build warns (see $log)"; exit 1
fi

# every record Jackson may serialise is registered for reflection (records never serialised: below)
# (the FMTI parser's and CSV reader's records are internal: read from files, never written as JSON)
NOT_SERIALISED='org.labledger.question.QuestionFilter org.labledger.answer.AnswerFilter org.labledger.importer.FmtiEdition org.labledger.importer.FmtiEdition$Indicator org.labledger.importer.FmtiEdition$Developer org.labledger.importer.FmtiEdition$ReportRow org.labledger.importer.FmtiParser$Upload org.labledger.importer.Csv$Cell org.labledger.importer.Csv$Row org.labledger.answer.ScorecardService$LabRef org.labledger.graphql.GraphQLCost$Limits org.labledger.graphql.GraphQLFastPath$Report org.labledger.importer.FmtiParser$Limits org.labledger.question.TallyFilter org.labledger.history.RevisionService$PastState org.labledger.history.Curated org.labledger.history.Curated$Reference org.labledger.claim.ClaimFilter org.labledger.claim.ClaimService$LinkRow org.labledger.release.ReleasePackage$Table org.labledger.stream.ResponseCache$Entry org.labledger.site.SiteViews$Alternate org.labledger.site.SiteViews$Column org.labledger.site.SiteViews$Cell org.labledger.site.SiteViews$Row org.labledger.site.SiteViews$Matrix org.labledger.site.SiteViews$Option org.labledger.site.SiteViews$FieldChange org.labledger.site.SiteViews$Change org.labledger.site.SiteViews$PageLink org.labledger.site.SiteViews$LabAnswer org.labledger.site.SiteViews$CompareRow org.labledger.claim.ClaimSupports$Row org.labledger.event.EventFilter org.labledger.history.RevisionService$RecordState org.labledger.common.KeysetPage org.labledger.answer.AnswerService$Resolved org.labledger.seed.DatasetHistory$Snapshot org.labledger.graphql.GraphQLRequestGuard$Request org.labledger.graphql.DirectJson$Type org.labledger.graphql.DirectJson$Relation org.labledger.graphql.GraphQLDirect$Learnt org.labledger.stream.VersionMemo$Generation org.labledger.stream.ResponseCache$Header org.labledger.answer.AnswerService$LabSlug org.labledger.answer.AnswerService$TallyTotal org.labledger.answer.AnswerService$LabPage org.labledger.common.AllowedMethods$Route'
config=target/native-sources/reflect-config.json
rm -f "$config"
(cd target/native-sources && jar xf labledger-*-runner.jar META-INF/native-image/reflect-config.json \
  && mv META-INF/native-image/reflect-config.json reflect-config.json && rm -rf META-INF)
missing=()
while IFS= read -r file; do
  pkg=$(dirname "${file#src/main/java/}" | tr / .)
  outer=$(basename "$file" .java)
  for name in $(grep -oE '^\s*(public |protected |private |static )*record [A-Z][A-Za-z0-9]*' "$file" | awk '{print $NF}'); do
    fqn="$pkg.$outer"; [ "$name" = "$outer" ] || fqn="$pkg.$outer\$$name"
    case " $NOT_SERIALISED " in *" $fqn "*) continue ;; esac
    grep -qF "\"name\" : \"$fqn\"" "$config" || grep -qF "\"name\":\"$fqn\"" "$config" || missing+=("$fqn")
  done
done < <(grep -rlE 'record [A-Z]' src/main/java)
if [ ${#missing[@]} -gt 0 ]; then
  printf '  %s\n' "${missing[@]}"
  echo "[test] FAILED: records not registered for reflection in the native image (@RegisterForReflection)"; exit 1
fi
echo "[test] native image sources OK: no warnings, every serialised record registered"
