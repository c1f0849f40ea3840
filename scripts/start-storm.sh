#!/usr/bin/env bash
# Three instances started at once while 100 requests a second arrive on the request topic: the request consumers'
# rebalances, the partitions each gave up, and how long requests waited for a decision while the group formed; the
# table written into docs/reliability.md. About 4 minutes on 2 cores.
#
#   bash scripts/start-storm.sh                       # 3 instances, 100 requests/s, 2 runs
#   bash scripts/start-storm.sh instances=4 runs=1
#
# Logs: reliability/target/start-storm/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl reliability -am install -DskipTests
mvn -B -q -pl reliability exec:exec -Dfaults.main=io.stocklock.reliability.StartStorm -Dfaults.args="$*"
