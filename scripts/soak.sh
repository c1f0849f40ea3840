#!/usr/bin/env bash
# The soak: one stocklock instance, a durable PostgreSQL and a broker, buyers reserving with 5 s holds for 30 minutes,
# finished reservations kept 60 s, the stock ledger in partitions of 5 minutes that an operator's job detaches once
# retention has deleted their reservations; the table of sizes, minute by minute, written into docs/reliability.md.
#
#   bash scripts/soak.sh                                   # 30 minutes, 32 buyers
#   bash scripts/soak.sh minutes=10 buyers=16 partition-minutes=2
#
# Logs: reliability/target/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl reliability -am install -DskipTests
mvn -B -q -pl reliability exec:exec -Dfaults.main=io.stocklock.reliability.Soak -Dfaults.args="$*"
