#!/usr/bin/env bash
# The long run of the fault suite: one run per kind of fault (kill, pause, broker loss, PostgreSQL stop, poison,
# rebalance, network partitions from PostgreSQL and from the brokers, a PostgreSQL failover), and the table of their verdicts written into
# docs/reliability.md. Takes 30-40 minutes on two cores. See docs/reliability.md.
#
#   bash scripts/reliability.sh                                  # every kind, >= 10,000 requests each
#   bash scripts/reliability.sh faults=partition-postgres requests=5000 partition-seconds=120
#
# Options: those of scripts/fault-suite.sh, and doc=<file> (default docs/reliability.md).
# Exits 0 when every run passed. Histories and logs: reliability/target/fault-suite/.
set -euo pipefail
cd "$(dirname "$0")/.."
args="requests=10000 $*"
mvn -B -q -pl reliability -am install -DskipTests
mvn -B -q -pl reliability exec:exec -Dfaults.main=io.stocklock.reliability.ReliabilityTable -Dfaults.args="$args"
