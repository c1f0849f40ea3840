#!/usr/bin/env bash
# The fault suite, one run: PostgreSQL, three Kafka brokers and two stocklock instances as processes of their own,
# clients over HTTP and Kafka, a nemesis, and a checker. See docs/reliability.md.
#
#   bash scripts/fault-suite.sh                               # the short run CI does: 2 faults, >= 3,000 requests
#   bash scripts/fault-suite.sh requests=100000 faults=11     # the long run: every kind of fault
#   bash scripts/fault-suite.sh faults=kafka-down,postgres-stop http-clients=16 kafka-rate=200 hot-stock=5000
#
# Exits 0 when every figure that must be zero is zero. Histories and logs: reliability/target/fault-suite/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl reliability -am install -DskipTests
mvn -B -q -pl reliability exec:exec -Dfaults.args="$*"
