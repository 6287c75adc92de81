#!/bin/sh
# The one entrypoint of both LabLedger images (docker/Dockerfile.jvm and docker/Dockerfile.native).
#  - native image: /deployments/application exists: run it.
#  - JVM on a Red Hat UBI OpenJDK base: its run-java.sh (sizes the heap from the container's memory limit, reads
#    JAVA_OPTS / JAVA_OPTS_APPEND / JAVA_APP_JAR).
#  - JVM on any other base with a `java` on the PATH (the Debian base scripts/container-smoke.sh builds): the same
#    variables, the heap sized from the memory limit by the JVM itself (MaxRAMPercentage).
# Nothing is written outside /tmp, so the container runs with a read-only root filesystem (mount a tmpfs on /tmp).
set -e
if [ -x /deployments/application ]; then
  exec /deployments/application -Dquarkus.http.host=0.0.0.0 "$@"
fi
if [ -x /opt/jboss/container/java/run/run-java.sh ]; then
  exec /opt/jboss/container/java/run/run-java.sh "$@"
fi
# shellcheck disable=SC2086 # the option variables are word lists on purpose
exec java ${JAVA_OPTS:--XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError} ${JAVA_OPTS_APPEND:-} -jar "${JAVA_APP_JAR:-/deployments/quarkus-run.jar}" "$@"
