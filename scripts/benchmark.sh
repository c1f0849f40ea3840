#!/usr/bin/env bash
# The benchmark: the use case against a durable PostgreSQL (the per-request transaction a team would write, by a
# client and by pgbench, and stocklock's ways, on four workloads), batch size, latency
# against offered load, the Kafka and HTTP intakes of stocklock running as its own process, and JMH. See
# docs/benchmarks.md, which `docs=true` rewrites from the run.
#
#   bash scripts/benchmark.sh                                   # the tables (about 25 minutes on 2 cores)
#   bash scripts/benchmark.sh only=use-case workloads=HOT strategies=BATCHED_LOCK seconds=5   # one row, a batch's time
#   bash scripts/benchmark.sh docs=true                         # and docs/benchmarks.md with its plots
#   bash scripts/benchmark.sh seconds=3 kafka-requests=20000 http-seconds=5
#   bash scripts/benchmark.sh only=http docs=true                # HTTP side by side, docs/benchmarks-http.md
#   bash scripts/benchmark.sh only=door                          # requests/s side by side, wrk-driven, one and two
#       instances (rounds=5 wrk-seconds=15 connections=64; about 35 minutes on 2 cores; latency=false skips the
#       latency against load and the mixed load)
#   bash scripts/benchmark.sh only=drain docs=true               # the Kafka intake drained beside pgbench's per-request
#       transaction, latency at 80%, batch size swept; docs/benchmarks.md's drain section (about 12 minutes)
#   bash scripts/benchmark.sh only=flash-sale docs=true          # 1,000 units, 5,000 buyers at once: who gets them,
#       stocklock against the per-request endpoint (rounds=N, 5 by default); docs/benchmarks.md's flash-sale section
#   bash scripts/benchmark.sh only=retention docs=true           # decisions on a hot SKU with and without retention
#       deleting beside them, alternating rounds (rounds=5 wrk-seconds=15; about 5 minutes); docs/benchmarks-retention.md
#   bash scripts/benchmark.sh only=import                        # 100,000 SKUs imported over HTTP (import-skus=N), twice
#   bash scripts/benchmark.sh probe=STOCKLOCK_WAIT rate=250,250,800 service-jvm='-XX:StartFlightRecording=filename=/tmp/s.jfr'
#       (one endpoint, warmed up, at one rate after another on the same processes, for a look or a profile;
#        probe=STOCKLOCK_ACCEPTED,PER_REQUEST_LOCK runs each in turn, for a ratio in one run)
#   bash scripts/benchmark.sh probe=STOCKLOCK_ACCEPTED rate=400 service-memory='-Xms512m|-Xmx512m|-XX:+UseParallelGC' \
#       service-settings='spring.threads.virtual.enabled=true'
#       (heap and collector, and Spring Boot settings, of stocklock and the reference service alike; the JDK is the
#       one Maven runs on: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash scripts/benchmark.sh ...)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-pgbench.sh wrk
mvn -B -q -pl benchmarks -am install -DskipTests
mvn -B -q -pl benchmarks exec:exec -Dbenchmark.args="$*"
