#!/usr/bin/env bash
# Builds and runs the container images with Podman (no Docker engine here, no registry reachable):
#
#  1. docker/Dockerfile.jvm -> image, run as a non-root user with a read-only root filesystem (tmpfs /tmp) against
#     the local PostgreSQL (its own database, labledger_container, recreated each run); waits for /q/health/ready,
#     checks /api/labs and /graphql return the seeded labs, prints image size, start to ready and RSS; starts it again
#     on the unchanged database, checks that the JVM mapped the image's AppCDS archive, prints that start to ready.
#     Then the same Dockerfile on a JDK 25 base (Debian trixie): the JVM must map the AOT cache its build trained.
#  2. docker/compose.yaml with podman-compose (merged with docker/compose.local.yaml: local base images),
#     its own PostgreSQL container (Debian postgresql-15 on a debootstrap base): the same checks, then down -v.
#  3. The Kubernetes manifests (target/kubernetes/kubernetes.yml) decoded by kubectl and validated offline against
#     the Kubernetes schema (see below for what kubectl can and cannot do without a cluster).
#
# Needs target/quarkus-app and target/kubernetes (./mvnw package; scripts/test.sh runs this after verify), root
# (rootful podman, debootstrap), the local PostgreSQL (scripts/db.sh). Base images: scripts/lib/podman-base.sh
# (cached in /var/cache/labledger-podman: the first run builds them in about a minute, later runs reuse them).
# LABLEDGER_SKIP_CONTAINER=1 skips it all; without podman (and no way to install it) it says so and skips.
# Host ports: LABLEDGER_CONTAINER_PORT (18080, host network), LABLEDGER_COMPOSE_PORT (18081, published by compose).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[container] $*"; }
fail() { echo "[container] FAILED: $*" >&2; exit 1; }

if [ "${LABLEDGER_SKIP_CONTAINER:-}" = 1 ]; then
  log "skipped (LABLEDGER_SKIP_CONTAINER=1)"; exit 0
fi
if ! command -v podman >/dev/null 2>&1 || ! command -v podman-compose >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 \
   || ! command -v jq >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing podman, runc, podman-compose, debootstrap, jq, unzip (Debian packages)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc podman-compose debootstrap jq unzip >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc podman-compose debootstrap jq unzip >/dev/null 2>&1; } || true
  fi
  if ! command -v podman >/dev/null 2>&1 || ! command -v podman-compose >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 \
     || ! command -v jq >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then
    log "SKIPPED: podman, podman-compose, debootstrap, jq or unzip is missing and cannot be installed here (needs root and apt-get);"
    log "install them (Debian: apt-get install podman runc podman-compose debootstrap jq unzip) to run the container check"
    exit 0
  fi
fi
[ "$(id -u)" = 0 ] || { log "SKIPPED: the container check needs root (rootful podman, debootstrap)"; exit 0; }
[ -f target/quarkus-app/quarkus-run.jar ] || fail "target/quarkus-app is missing: run ./mvnw package (or scripts/test.sh) first"

# shellcheck source=lib/podman-base.sh
source scripts/lib/podman-base.sh
pb_setup
started_all=$(date +%s)

PORT="${LABLEDGER_CONTAINER_PORT:-18080}"
export LABLEDGER_COMPOSE_PORT="${LABLEDGER_COMPOSE_PORT:-18081}"
export LABLEDGER_PORT="$LABLEDGER_COMPOSE_PORT"
DB=labledger_container
NAME=labledger-smoke-jvm
PROJECT=labledger-smoke
COMPOSE=(podman-compose --podman-build-args=--network=host -p "$PROJECT" -f docker/compose.yaml -f docker/compose.local.yaml)
compose_up=

cleanup() {
  podman rm -f -t 5 "$NAME" >/dev/null 2>&1 || true
  if [ -n "$compose_up" ]; then
    "${COMPOSE[@]}" down -v >/dev/null 2>&1 || true
    podman rm -f -t 5 "${PROJECT}_app_1" "${PROJECT}_db_1" >/dev/null 2>&1 || true
    podman volume rm -f "${PROJECT}_pgdata" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# --- the runtime stage both Dockerfiles share must be the same text (what this check runs covers the native one)
shared() { sed -n '/^# --- shared runtime stage/,/^# --- end of the shared runtime stage/p' "$1"; }
[ -n "$(shared docker/Dockerfile.jvm)" ] || fail "docker/Dockerfile.jvm has no shared runtime stage"
if ! diff <(shared docker/Dockerfile.jvm) <(shared docker/Dockerfile.native) >/dev/null; then
  diff <(shared docker/Dockerfile.jvm) <(shared docker/Dockerfile.native) || true
  fail "the shared runtime stage differs between docker/Dockerfile.jvm and docker/Dockerfile.native"
fi
log "Dockerfile.native shares the runtime stage of Dockerfile.jvm ($(shared docker/Dockerfile.jvm | grep -c '^[A-Z]') instructions, same text)"

# --- base images (cached)
JRE_BASE=$(pb_base jre "openjdk-17-jre-headless")
JRE25_BASE=$(pb_base jre25 "openjdk-25-jre-headless" trixie)
PG_BASE=$(pb_base postgres "postgresql-15")
export LABLEDGER_JRE_BASE="$JRE_BASE" LABLEDGER_PG_BASE="$PG_BASE"

# the compose file mounts the dev public key (scripts/dev-token.sh makes the pair once); the JVM run mounts it too
[ -f .labledger/jwt/public.pem ] || scripts/dev-token.sh admin >/dev/null

mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1000000 }'; }
rss() { # resident memory of the container's main process (the JVM: the entrypoint execs it)
  local pid; pid=$(podman inspect -f '{{.State.Pid}}' "$1")
  awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$pid/status"
}
wait_ready() { # $1 port, $2 container: seconds from $3 (epoch ms) to the first 200 of /q/health/ready
  local deadline=$(($(date +%s) + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$1/q/health/ready")" = 200 ]; do
    if [ "$(podman inspect -f '{{.State.Running}}' "$2" 2>/dev/null)" != true ]; then
      podman logs --tail 30 "$2" >&2 2>&1 || true; fail "container $2 stopped before it was ready"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { podman logs --tail 30 "$2" >&2 2>&1 || true; fail "$2 not ready after 120 s"; }
    sleep 0.2
  done
  awk -v a="$3" -v b="$(date +%s%3N)" 'BEGIN { printf "%.1f s", (b - a) / 1000 }'
}
check_service() { # $1 port, $2 label: the seeded labs over REST and GraphQL
  local labs gql
  labs=$(curl -sf "http://localhost:$1/api/labs?size=200") || fail "$2: GET /api/labs failed"
  [ "$(jq -r '.totalItems' <<<"$labs")" -ge 5 ] && jq -e '.items[] | select(.slug == "anthropic") | .questionCount > 0' <<<"$labs" >/dev/null \
    || fail "$2: /api/labs has not the seeded labs: $(head -c 300 <<<"$labs")"
  log "$2: GET /api/labs -> $(jq -r '.totalItems' <<<"$labs") labs, anthropic with $(jq -r '.items[] | select(.slug == "anthropic") | .questionCount' <<<"$labs") questions"
  gql=$(curl -sf -H 'Content-Type: application/json' -d '{"query":"{ labs { slug name } }"}' "http://localhost:$1/graphql") \
    || fail "$2: POST /graphql failed"
  jq -e '(.errors | not) and ([.data.labs[] | select(.slug == "openai" and .name == "OpenAI")] | length == 1)' <<<"$gql" >/dev/null \
    || fail "$2: /graphql did not list the labs: $(head -c 300 <<<"$gql")"
  log "$2: POST /graphql { labs { slug name } } -> $(jq '.data.labs | length' <<<"$gql") labs, OpenAI among them"
}
check_release() { # $1 port, $2 label: a release made, a later write, the release fetched again: the same bytes
  local base="http://localhost:$1" tok made n sha json1 zip1 json2 zip2 doc
  tok=$(scripts/dev-token.sh admin container-smoke 10)
  made=$(curl -sf -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{"description":"container smoke"}' "$base/api/releases") \
    || fail "$2: POST /api/releases failed"
  n=$(jq -r .number <<<"$made"); sha=$(jq -r .sha256 <<<"$made")
  json1=$(curl -sf "$base/api/releases/$n" | sha256sum | cut -c1-64); zip1=$(curl -sf "$base/api/releases/$n.zip" | sha256sum | cut -c1-64)
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    -d '{"slug":"container-smoke-lab","name":"Container smoke lab","kind":"OTHER"}' "$base/api/labs" || fail "$2: POST /api/labs failed"
  json2=$(curl -sf "$base/api/releases/$n" | sha256sum | cut -c1-64); zip2=$(curl -sf "$base/api/releases/$n.zip" | sha256sum | cut -c1-64)
  doc=$(curl -sf "$base/api/releases/$n.zip" -o target/container-release.zip && unzip -p target/container-release.zip labledger-release/labledger.json | sha256sum | cut -c1-64)
  [ "$json1" = "$json2" ] && [ "$zip1" = "$zip2" ] && [ "$doc" = "$sha" ] \
    || fail "$2: release $n changed after a later write (json $json1 -> $json2, zip $zip1 -> $zip2, labledger.json $doc vs $sha)"
  curl -sf "$base/api/export" | grep '"container-smoke-lab"' >/dev/null || fail "$2: the later write is not in the current export"
  log "$2: release $n (sha256 ${sha:0:16}…, $(jq -r .size <<<"$made") bytes, $(unzip -Z1 target/container-release.zip | wc -l) files in its zip) made, a lab created after it, release fetched again: JSON and zip byte-identical"
}
check_hardening() { # $1 container: runs as non-root, cannot write its root filesystem
  local uid; uid=$(podman exec "$1" sh -c 'id -u')
  [ "$uid" != 0 ] || fail "$1 runs as root"
  podman exec "$1" sh -c 'touch /deployments/x' 2>/dev/null && fail "$1 could write to its root filesystem"
  log "$1: runs as uid $uid; root filesystem read-only (writing /deployments refused)"
}

run_image() { # $1 image: started as container $NAME, non-root, read-only, 768 MB, against the local database $DB
  podman run -d --name "$NAME" --network=host --read-only --tmpfs /tmp:rw,size=64m --user 185 --memory 768m \
    -e QUARKUS_HTTP_PORT="$PORT" \
    -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$DB" \
    -e QUARKUS_DATASOURCE_USERNAME=labledger -e QUARKUS_DATASOURCE_PASSWORD=labledger \
    -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem -v "$PWD/.labledger/jwt/public.pem:/keys/public.pem:ro" \
    "$1" >/dev/null || fail "podman run $1"
}

# --- the application as README "JVM container" packages it for an image: Quarkus' aot-jar layout (-Paot), whose
# classes are on the JVM's class path, which suits the image's start-up cache (bench/README.md "Start-up",
# ninth round: ready 23 % sooner on JDK 25 than the default fast-jar, the same on JDK 17). The suites before this
# one ran the default layout; the native sources build after it packages its own.
t0=$(date +%s)
./mvnw -B -ntp -q package -DskipTests -Paot >target/container-package.log 2>&1 \
  || { tail -30 target/container-package.log; fail "./mvnw package -DskipTests -Paot (target/container-package.log)"; }
unzip -p target/quarkus-app/quarkus-run.jar META-INF/MANIFEST.MF | grep -q '^Main-Class: io.quarkus.bootstrap.runner.AotQuarkusEntryPoint' \
  || fail "target/quarkus-app is not Quarkus' aot-jar layout after ./mvnw package -Paot"
log "packaged the aot-jar layout (./mvnw package -DskipTests -Paot) in $(($(date +%s) - t0)) s"

# --- 1. the JVM image against the local PostgreSQL
scripts/db.sh "$DB" >/dev/null 2>&1 || fail "scripts/db.sh $DB"
runuser -u postgres -- psql -q -c "drop database if exists $DB with (force)" >/dev/null
scripts/db.sh "$DB" >/dev/null 2>&1 || fail "scripts/db.sh $DB"
t0=$(date +%s)
podman build -q --network=host -f docker/Dockerfile.jvm --build-arg RUNTIME_IMAGE="$JRE_BASE" -t labledger:jvm-local . >/dev/null \
  || fail "podman build docker/Dockerfile.jvm"
log "built labledger:jvm-local from docker/Dockerfile.jvm in $(($(date +%s) - t0)) s (base $JRE_BASE)"
size=$(podman image inspect -f '{{.Size}}' labledger:jvm-local)
base_size=$(podman image inspect -f '{{.Size}}' "$JRE_BASE")
podman rm -f "$NAME" >/dev/null 2>&1 || true
start=$(date +%s%3N)
run_image labledger:jvm-local
ready=$(wait_ready "$PORT" "$NAME" "$start")
log "jvm image: size $(mb "$size") (base $(mb "$base_size"), application layers $(mb $((size - base_size))))"
log "jvm image: start to ready $ready (podman run to the first 200 of /q/health/ready, empty database: migrations + seed import)"
check_service "$PORT" "jvm image"
check_hardening "$NAME"
check_release "$PORT" "jvm image"
log "jvm image: RSS $(rss "$NAME") after the checks (--memory 768m)"
# the start that matters most in production: the same container again on its now unchanged database (schema up to
# date, seed checksum imported), with the AppCDS archive the image build wrote (docker/Dockerfile.jvm); the JVM maps
# an archive it can use, and ignores one it cannot (-Xshare:auto), so the check looks at its mappings
podman stop -t 10 "$NAME" >/dev/null
start=$(date +%s%3N)
podman start "$NAME" >/dev/null || fail "podman start $NAME"
ready=$(wait_ready "$PORT" "$NAME" "$start")
pid=$(podman inspect -f '{{.State.Pid}}' "$NAME")
grep -q '/deployments/app-cds.jsa' "/proc/$pid/maps" || fail "jvm image: the JVM did not map /deployments/app-cds.jsa (AppCDS archive unusable)"
log "jvm image: second start to ready $ready (podman start to the first 200 of /q/health/ready, unchanged database, AppCDS archive mapped), RSS $(rss "$NAME")"
podman stop -t 10 "$NAME" >/dev/null && podman rm "$NAME" >/dev/null
log "jvm image: stopped"

# --- 1b. the same Dockerfile on a JDK 25 base (Debian trixie's OpenJDK 25): the image build trains an AOT cache
# instead (docker/train-jvm-cache.sh: a whole start and a few requests without a database); started on the same,
# now unchanged database, the JVM must map it
t0=$(date +%s)
podman build -q --network=host -f docker/Dockerfile.jvm --build-arg RUNTIME_IMAGE="$JRE25_BASE" -t labledger:jvm25-local . >/dev/null \
  || fail "podman build docker/Dockerfile.jvm on $JRE25_BASE"
log "built labledger:jvm25-local from docker/Dockerfile.jvm in $(($(date +%s) - t0)) s (base $JRE25_BASE), size $(mb "$(podman image inspect -f '{{.Size}}' labledger:jvm25-local)")"
[ "$(podman run --rm --entrypoint cat labledger:jvm25-local /deployments/jvm-cache.args)" = "-XX:AOTCache=/deployments/app.aot" ] \
  || fail "jvm25 image: /deployments/jvm-cache.args does not name the AOT cache"
start=$(date +%s%3N)
run_image labledger:jvm25-local
ready=$(wait_ready "$PORT" "$NAME" "$start")
pid=$(podman inspect -f '{{.State.Pid}}' "$NAME")
grep -q '/deployments/app.aot' "/proc/$pid/maps" || fail "jvm25 image: the JVM did not map /deployments/app.aot (AOT cache unusable)"
log "jvm25 image: start to ready $ready (podman run to the first 200 of /q/health/ready, unchanged database, AOT cache mapped), RSS $(rss "$NAME")"
check_service "$PORT" "jvm25 image"
podman stop -t 10 "$NAME" >/dev/null && podman rm "$NAME" >/dev/null
log "jvm25 image: stopped"

# --- 2. docker/compose.yaml: the app and its own PostgreSQL container
compose_up=1
"${COMPOSE[@]}" down -v >/dev/null 2>&1 || true
t0=$(date +%s)
"${COMPOSE[@]}" build >"target/compose-build.log" 2>&1 || { tail -30 target/compose-build.log; fail "podman-compose build (target/compose-build.log)"; }
log "compose: built db and app images in $(($(date +%s) - t0)) s"
"${COMPOSE[@]}" up -d db >"target/compose-up.log" 2>&1 || { tail -30 target/compose-up.log; fail "podman-compose up db"; }
deadline=$(($(date +%s) + 60))
until podman exec "${PROJECT}_db_1" pg_isready -q -U labledger -d labledger 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || { podman logs --tail 30 "${PROJECT}_db_1" 2>&1 || true; fail "compose db not ready after 60 s"; }
  sleep 0.5
done
log "compose: db ready (PostgreSQL $(podman exec "${PROJECT}_db_1" postgres --version | awk "{print \$3}"), service db on the project network)"
start=$(date +%s%3N)
"${COMPOSE[@]}" up -d app >>"target/compose-up.log" 2>&1 || { tail -30 target/compose-up.log; fail "podman-compose up app"; }
ready=$(wait_ready "$LABLEDGER_COMPOSE_PORT" "${PROJECT}_app_1" "$start")
log "compose app: start to ready $ready (podman-compose up app to the first 200 of /q/health/ready, empty database)"
check_service "$LABLEDGER_COMPOSE_PORT" "compose app"
check_hardening "${PROJECT}_app_1"
log "compose app: RSS $(rss "${PROJECT}_app_1"), db RSS $(rss "${PROJECT}_db_1") (postmaster only)"
"${COMPOSE[@]}" down -v >/dev/null 2>&1
compose_up=
log "compose: down -v (containers and volume removed)"

# --- 3. the Kubernetes manifests, validated offline
# `kubectl apply --dry-run=client --validate=true|strict` downloads the schema from the API server (/openapi/v2) and
# even --validate=false needs the server's discovery to map kinds: neither works without a cluster. Offline,
# kubectl decodes every object (`label --local`: apiVersion, kind, metadata, well-formed YAML), and the schema
# check (types, required fields, enums, formats) uses the Kubernetes OpenAPI schemas compiled into the npm package
# kubernetes-models (pinned; installed once into the cache).
K8S_MODELS_VERSION=5.1.0
manifest=target/kubernetes/kubernetes.yml
[ -f "$manifest" ] || fail "$manifest is missing: run ./mvnw package first"
if ! command -v kubectl >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null 2>&1; } \
    || fail "kubectl missing (apt-get install kubernetes-client)"
fi
objects=$(kubectl --server=http://127.0.0.1:9 label --local -f "$manifest" validated=offline -o json | jq -s '{kind: "List", items: .}') \
  || fail "kubectl could not decode $manifest"
log "kubernetes: kubectl $(kubectl version --client -o json | jq -r .clientVersion.gitVersion) decoded $(jq '.items | length' <<<"$objects") objects: $(jq -r '[.items[] | .kind + "/" + .metadata.name] | join(", ")' <<<"$objects")"
models="$PB_CACHE/k8s-validate-$K8S_MODELS_VERSION"
if [ ! -f "$models/node_modules/kubernetes-models/package.json" ]; then
  mkdir -p "$models" && (cd "$models" && npm install --no-audit --no-fund --silent "kubernetes-models@$K8S_MODELS_VERSION" >/dev/null) \
    || fail "npm install kubernetes-models@$K8S_MODELS_VERSION"
fi
node scripts/lib/k8s-validate.mjs "$models" <<<"$objects" | sed 's/^/[container] kubernetes schema: /' \
  || fail "$manifest does not validate against the Kubernetes schema"
# what the deployment relies on, stated in the manifest
jq -e '
  (.items | map(select(.kind == "Deployment"))[0]) as $d
  | ($d.spec.template.spec.containers[0]) as $c
  | (.items | map(select(.kind == "PodDisruptionBudget"))[0]) as $pdb
  | (.items | map(select(.kind == "HorizontalPodAutoscaler"))[0]) as $hpa
  | $c.readinessProbe.httpGet.path == "/q/health/ready" and $c.livenessProbe.httpGet.path == "/q/health/live"
    and $c.startupProbe.httpGet.path == "/q/health/started"
    and $c.resources.limits.memory != null and $c.resources.requests.cpu != null
    and ([$c.env[] | select(.valueFrom.secretKeyRef.name == "labledger-db")] | length == 3)
    and $c.securityContext.readOnlyRootFilesystem == true and $d.spec.template.spec.securityContext.runAsNonRoot == true
    and ($pdb.spec.selector.matchLabels | to_entries | all(.value == $d.spec.template.metadata.labels[.key]))
    and $pdb.spec.minAvailable == 1
    and $hpa.spec.scaleTargetRef.kind == "Deployment" and $hpa.spec.scaleTargetRef.name == $d.metadata.name
    and $hpa.spec.minReplicas == 2' <<<"$objects" >/dev/null \
  || fail "$manifest: probes, resources, Secret, security context, PodDisruptionBudget or HorizontalPodAutoscaler not as documented"
log "kubernetes: probes (started/live/ready), resources, Secret labledger-db, read-only non-root container, PDB minAvailable 1 over the pods, HPA 2..$(jq '.items[] | select(.kind == "HorizontalPodAutoscaler") | .spec.maxReplicas' <<<"$objects") on the Deployment"

log "OK in $(($(date +%s) - started_all)) s"
