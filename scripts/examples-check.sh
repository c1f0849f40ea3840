#!/usr/bin/env bash
# Builds and tests the examples of examples/ against this checkout's own artifacts, as another service that imports
# some of stocklock's modules would: the decision engine alone (domain, application, adapters-persistence) and the
# Kafka intake alone (no HTTP). Each example's build fails if the modules it uses drag in one they should not
# (maven-enforcer-plugin's bannedDependencies). About a minute after the install.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl adapters-persistence,adapters-kafka,test-support -am
for example in embedded-engine kafka-intake; do
  echo "examples-check: $example"
  mvn -B -q -f "examples/$example/pom.xml" verify
done
echo "examples-check: every example builds against these modules alone and passes its test"
