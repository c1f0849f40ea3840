#!/usr/bin/env bash
# Builds the container image to a tar with Jib, as docs/operations.md shows, and checks its configuration
# (ContainerImageTest: entrypoint, non-root user, exposed port, labels, the application inside).
#
# The image is built here on an empty base ('scratch') instead of eclipse-temurin:17-jre: this machine reaches Maven
# Central but no container registry. Everything stocklock puts into the image is checked; the base image's JRE is not.
# With a registry in reach, drop -Djib.from.image to check the image as users build it.
set -euo pipefail
cd "$(dirname "$0")/.."

tar="$PWD/bootstrap/target/image-check.tar"
mvn -B -q install -DskipTests
mvn -B -q -pl bootstrap jib:buildTar -Djib.from.image=scratch -Djib.outputPaths.tar="$tar"
mvn -B -q -pl bootstrap surefire:test -Dtest=ContainerImageTest -Dstocklock.image.tar="$tar" \
  -Dsurefire.failIfNoSpecifiedTests=false
grep -q 'tests="1".*skipped="0".*failures="0"\|skipped="0".*failures="0".*tests="1"' \
  bootstrap/target/surefire-reports/TEST-io.stocklock.bootstrap.ContainerImageTest.xml \
  || { echo "image-check: ContainerImageTest did not run and pass" >&2; exit 1; }
echo "image-check: $tar is as documented"
