#!/usr/bin/env bash
# Load-test any stocklock deployment with the benchmark's Gatling simulation: buyers arriving at a fixed rate (open
# loop), each request POST /reservations. Settings are name=value, passed to the simulation as system properties:
#
#   bash scripts/load-test.sh base-url=https://stocklock.example.com token=eyJhbGciOi... sku=TICKET-GA rate=200 seconds=60
#   bash scripts/load-test.sh secret=<HS256 secret of the deployment> callers=1000 sku-count=10000 rate=500 prefer=wait=10
#
# base-url, path, token or secret (+ callers), sku or sku-count (+ sku-format), rate, seconds, warm-up, prefer,
# answers: see io.stocklock.benchmarks.load.ReservationLoad. Gatling's HTML report lands in benchmarks/target/gatling.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am install -DskipTests
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/load-test.classpath
classpath=$(cat benchmarks/target/load-test.classpath)
properties=()
for setting in "$@"; do
  properties+=("-D$setting")
done
exec java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED -Dgatling.data.enableAnalytics=false "${properties[@]}" \
  -cp "benchmarks/target/classes:$classpath" io.gatling.app.Gatling \
  -s io.stocklock.benchmarks.load.ReservationLoad -rf benchmarks/target/gatling
