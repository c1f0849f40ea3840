package io.stocklock.benchmarks;

import io.stocklock.benchmarks.DatabaseBenchmark.Row;
import io.stocklock.benchmarks.IntakeBenchmark.HttpResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaRateResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The figures of one whole run, as tables, plots and the text of docs/benchmarks.md. */
final class BenchmarksPage {

    final Duration run;
    final int clients;
    List<Row> rows;
    final List<Strategy.Result> batchSizes = new ArrayList<>();
    Map<String, Double> batchTime;
    final List<OpenLoop.Point> load = new ArrayList<>();
    double maximum;
    KafkaResult kafka;
    final List<KafkaRateResult> kafkaRates = new ArrayList<>();
    final List<HttpResult> http = new ArrayList<>();
    Map<String, Double> jmh;

    BenchmarksPage(Duration run, int clients) {
        this.run = run;
        this.clients = clients;
    }

    void plots(Path directory) throws Exception {
        new Plot("stocklock (b): decisions/s by batch size, one hot SKU, synchronous_commit on",
                "batch size (requests per transaction)", "decisions/s", true)
                .series("decisions/s", Arrays.stream(WholeRun.BATCH_SIZES).asDoubleStream().toArray(),
                        batchSizes.stream().mapToDouble(Strategy.Result::decisionsPerSecond).toArray())
                .write(directory.resolve("throughput-by-batch-size.png"));
        double[] offered = load.stream().mapToDouble(OpenLoop.Point::offeredPerSecond).toArray();
        new Plot("stocklock (b): submit-to-decision latency by offered load, one hot SKU",
                "offered load (requests/s)", "latency (ms)", false)
                .series("p50", offered, load.stream().mapToDouble(point -> point.latencyMillis(50)).toArray())
                .series("p99", offered, load.stream().mapToDouble(point -> point.latencyMillis(99)).toArray())
                .series("p99.9", offered, load.stream().mapToDouble(point -> point.latencyMillis(99.9))
                        .toArray())
                .write(directory.resolve("latency-by-offered-load.png"));
    }

    String markdown() {
        Row hotA = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.SEED_TRANSACTION);
        Row hotB = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.BATCHED_LOCK);
        Row hotPgbench = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.PGBENCH);
        double vsA = hotB.on().decisionsPerSecond() / hotA.on().decisionsPerSecond();
        double vsPgbench = hotB.on().decisionsPerSecond() / hotPgbench.on().decisionsPerSecond();
        OpenLoop.Point at80 = load.stream().filter(point -> Math.abs(point.offeredPerSecond() - 0.8 * maximum) < 1)
                .findFirst().orElseThrow();
        KafkaRateResult kafkaAt80 = kafkaRates.get(kafkaRates.size() - 1);
        double kafkaShare = kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond();
        long oversold = rows.stream().mapToLong(row -> row.on().oversold() + row.off().oversold()).sum()
                + batchSizes.stream().mapToLong(Strategy.Result::oversold).sum();
        StringBuilder md = new StringBuilder();
        md.append("""
                # Benchmarks

                ```bash
                bash scripts/benchmark.sh                 # prints the tables (about 25 minutes)
                bash scripts/benchmark.sh docs=true       # and writes this page and its plots
                bash scripts/benchmark.sh seconds=3 kafka-requests=20000 http-seconds=5   # a quicker look
                ```

                Requests per second over HTTP, driven by wrk, for one and two instances, with a bare group commit as
                reference: [benchmarks-door.md](benchmarks-door.md) (`bash scripts/benchmark.sh only=door`).
                Buyers over HTTP, stocklock side by side with the per-request `FOR UPDATE` endpoint a team would
                write instead and the no-op ceiling of that stack, in an open loop: [benchmarks-http.md](benchmarks-http.md)
                (`bash scripts/benchmark.sh only=http`). Decisions on a hot SKU with retention deleting beside them:
                [benchmarks-retention.md](benchmarks-retention.md) (`bash scripts/benchmark.sh only=retention`).
                Load-test your own installation with the same simulation:
                `bash scripts/load-test.sh base-url=... token=... sku=... rate=...`.

                This page was written by that command (`docs=true`) from one run on %s: %d cores, %s, JDK %s,
                PostgreSQL 17 from the embedded binaries with `fsync` and `synchronous_commit` on (every commit
                waits for its WAL flush, as in production), %d s per measurement. The benchmark, PostgreSQL and,
                for the intake figures, Kafka and the service share the machine's cores; the CPU columns are
                the whole machine's.

                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("java.version"), run.toSeconds()));

        md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        target(md, "hot SKU, sync on: (b) >= 10x (a) (stretch 20x)",
                "%.1fx (%,.0f against %,.0f decisions/s); %.1fx pgbench running (a)'s SQL (%,.0f/s)".formatted(vsA,
                        hotB.on().decisionsPerSecond(), hotA.on().decisionsPerSecond(), vsPgbench,
                        hotPgbench.on().decisionsPerSecond()), vsA >= 10);
        for (Workload workload : List.of(Workload.UNIFORM, Workload.ZIPF)) {
            double ratio = DatabaseBenchmark.find(rows, workload, Strategy.BATCHED_LOCK).on().decisionsPerSecond()
                    / DatabaseBenchmark.baseline(rows, workload).on().decisionsPerSecond();
            target(md, workload.label + ", sync on: (b) >= 10x (a)", "%.1fx".formatted(ratio), ratio >= 10);
        }
        target(md, "WAL flushes per decision of (b) <= 0.01", "%.4f".formatted(hotB.on().walSyncsPerDecision()),
                hotB.on().walSyncsPerDecision() <= 0.01);
        target(md, "Kafka intake, records queued, one hot SKU: >= 80% of (b)", "%.0f%% (%,.0f decisions/s)"
                .formatted(100 * kafkaShare, kafka.decisionsPerSecond()), kafkaShare >= 0.8);
        target(md, "(b): p99 submit-to-decision <= 20 ms at 80% of its maximum", "%.1f ms at %,.0f requests/s"
                .formatted(at80.latencyMillis(99), at80.offeredPerSecond()), at80.latencyMillis(99) <= 20);
        target(md, "Kafka intake: p99 submit-to-outcome-event <= 20 ms at 80% of its maximum",
                "%.1f ms at %,.0f requests/s".formatted(kafkaAt80.latencyMillis(99), kafkaAt80.offeredPerSecond()),
                kafkaAt80.latencyMillis(99) <= 20);
        target(md, "0 oversold, every run", "%d".formatted(oversold), oversold == 0);

        md.append(limits(hotB, at80));
        md.append("""

                ## The use case directly: six ways, four workloads

                - (a) the per-request transaction a team would write instead of stocklock: `SELECT ... FOR UPDATE`
                  of the request's SKUs, check, `UPDATE inventory`, `INSERT` the request row with its status (its
                  lines in the same statement), `COMMIT`; from %1$d clients. Every ratio is against this row;
                - (a) run by pgbench: the same SQL from PostgreSQL's own load generator, a process of its own
                  with %1$d clients (`--protocol=prepared`); not on the multi-line workload (a pgbench script has
                  no loops), Zipf with s=1.001 (pgbench's smallest);
                - stocklock's use case with one request per transaction, from %1$d clients: all of stocklock's
                  bookkeeping (the reservation and its lines, the ledger) for every request, what batching
                  saves;
                - (b) stocklock as deployed: one consumer deciding batches of %2$d, each in one transaction
                  that locks its SKUs with one sorted `SELECT ... FOR UPDATE` (a hot SKU lives on one
                  partition, so one consumer decides all of its requests), with the default limits: each
                  decision reads and updates what its buyers hold of its SKUs, for the cap of 1,000 units of a
                  SKU per buyer ([ADR 10](adr/0010-strict-input-and-limits-per-owner.md)). The consumer
                  publishes the batch's outcome events to Kafka after the commit; that is not part of this row
                  (there is no broker here), the Kafka intake below includes it;
                - (c) a conditional `UPDATE inventory SET reserved = reserved + q WHERE on_hand - reserved >= q`
                  per line, all or nothing, then (a)'s `INSERT`, from %1$d clients;
                - (d) optimistic: read the version, `UPDATE ... WHERE version = ?`, retry the request on a
                  conflict, then (a)'s `INSERT`, from %1$d clients.

                stocklock's rows take the requests of 1,000 buyers, chosen at random, each held for 10 minutes.
                Latency is from the start of the transaction deciding a request to its commit (for (b), every
                request of a batch waits as long as its batch; queueing before that is in the next sections).
                `x (a)` compares with (a) on the same workload. `oversold` counts SKUs that broke an invariant
                after the run, with synchronous commit on and off (for the rows that keep stocklock's ledger,
                the ledger is checked too).

                | workload | strategy | decisions/s | x (a) | p50 ms | p99 ms | p99.9 ms | WAL flushes / decision | CPU %% | CPU µs / decision | retries | decisions/s, sync off | oversold |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(clients, Strategy.DEFAULT_BATCH));
        for (Row row : rows) {
            Strategy.Result on = row.on();
            md.append("| %s | %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.4f | %.0f | %,.0f | %,d | %,.0f | %d |\n"
                    .formatted(row.workload().label, row.strategy().label, on.decisionsPerSecond(),
                            on.decisionsPerSecond() / DatabaseBenchmark.baseline(rows, row.workload()).on()
                                    .decisionsPerSecond(),
                            on.latencyMillis(50), on.latencyMillis(99), on.latencyMillis(99.9),
                            on.walSyncsPerDecision(),
                            100 * on.cpuBusyCores() / Runtime.getRuntime().availableProcessors(),
                            on.cpuMicrosPerDecision(), on.retries(), row.off().decisionsPerSecond(),
                            on.oversold() + row.off().oversold()));
        }

        md.append("""

                ## Batch size

                (b) on one hot SKU, one consumer, batches of the given size back to back, synchronous commit on.
                Batch size 1 is (a) with one client instead of %d.

                ![decisions/s by batch size](benchmarks/throughput-by-batch-size.png)

                | batch size | decisions/s | p50 ms | p99 ms | WAL flushes / decision |
                |---|---|---|---|---|
                """.formatted(clients));
        for (int i = 0; i < WholeRun.BATCH_SIZES.length; i++) {
            Strategy.Result result = batchSizes.get(i);
            md.append("| %d | %,.0f | %.1f | %.1f | %.4f |\n".formatted(WholeRun.BATCH_SIZES[i], result.decisionsPerSecond(),
                    result.latencyMillis(50), result.latencyMillis(99), result.walSyncsPerDecision()));
        }

        md.append("""

                ## Latency against offered load

                (b) on one hot SKU, requests arriving at a steady rate (an open loop: a slow batch makes the
                next requests queue, as it would for real buyers), the consumer deciding whatever has arrived,
                up to %d at a time. Latency is from a request's arrival to the commit of its batch. The maximum
                is (b)'s throughput in the table above: %,.0f decisions/s.

                ![latency by offered load](benchmarks/latency-by-offered-load.png)

                | offered | of the maximum | decided / s | p50 ms | p99 ms | p99.9 ms |
                |---|---|---|---|---|---|
                """.formatted(Strategy.DEFAULT_BATCH, maximum));
        for (OpenLoop.Point point : load) {
            md.append("| %,.0f/s | %.0f%% | %,.0f | %.1f | %.1f | %.1f |\n".formatted(point.offeredPerSecond(),
                    100 * point.offeredPerSecond() / maximum, point.decidedPerSecond(), point.latencyMillis(50),
                    point.latencyMillis(99), point.latencyMillis(99.9)));
        }

        md.append("""

                ## Where a batch's time goes

                (b) on one hot SKU, batches of %d, each port of the use case timed (milliseconds per batch).
                The transaction wraps the others: what it takes beyond them is the commit, with its WAL flush.

                | step | ms per batch | share |
                |---|---|---|
                """.formatted(Strategy.DEFAULT_BATCH));
        double total = batchTime.values().stream().mapToDouble(Double::doubleValue).sum();
        batchTime.forEach((step, millis) -> md.append("| %s | %.2f | %.0f%% |\n".formatted(step, millis,
                100 * millis / total)));
        md.append("| whole batch | %.2f | |\n".formatted(total));

        md.append("""

                ## Three entry points

                The use case directly is (b) above. For the other two, stocklock runs as in production (`java
                -jar`, its own process, default settings) against a PostgreSQL and a Kafka broker that are
                processes of their own; the load comes from the benchmark's JVM.

                - Kafka intake, queued: %,d requests for one hot SKU written to the request topic as fast as one
                  producer can (it took %.1f s), then decided by the service's one consumer of that partition;
                  measured from the first record sent until the consumer group had committed the last. The
                  consumer publishes each batch's outcome events (acknowledged by the broker) before it
                  commits the batch's offsets.
                - Kafka intake, open loop: requests written at a steady rate (a fraction of the queued
                  throughput) whether or not earlier ones were decided, each timed from when it was due to be
                  sent until its outcome event was read back from the events topic.
                - HTTP intake: callers sending `POST /reservations` back to back (HTTP/1.1, keep-alive), each
                  answered 202 once the request topic has the request; latency is the caller's.

                | entry point | load | throughput | p50 ms | p99 ms | p99.9 ms | CPU %% |
                |---|---|---|---|---|---|---|
                | use case directly, (b) | batches of %d back to back | %,.0f decisions/s | %.1f | %.1f | %.1f | %.0f |
                | Kafka intake | %,d records queued | %,.0f decisions/s (%.0f%% of (b)) | | | | |
                """.formatted(kafka.requests(), kafka.producedSeconds(), Strategy.DEFAULT_BATCH,
                hotB.on().decisionsPerSecond(), hotB.on().latencyMillis(50), hotB.on().latencyMillis(99),
                hotB.on().latencyMillis(99.9),
                100 * hotB.on().cpuBusyCores() / Runtime.getRuntime().availableProcessors(), kafka.requests(),
                kafka.decisionsPerSecond(), 100 * kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond()));
        for (KafkaRateResult rate : kafkaRates) {
            md.append("| Kafka intake | %,.0f/s offered (%.0f%% of queued) | %,.0f decided/s | %.1f | %.1f | %.1f | |\n"
                    .formatted(rate.offeredPerSecond(), 100 * rate.offeredPerSecond() / kafka.decisionsPerSecond(),
                            rate.decidedPerSecond(), rate.latencyMillis(50), rate.latencyMillis(99),
                            rate.latencyMillis(99.9)));
        }
        for (HttpResult result : http) {
            md.append("| HTTP intake | %d callers | %,.0f requests/s (%d errors) | %.1f | %.1f | %.1f | %.0f |\n"
                    .formatted(result.callers(), result.requestsPerSecond(), result.errors(),
                            result.latencyMillis(50), result.latencyMillis(99), result.latencyMillis(99.9),
                            100 * result.cpuBusyCores() / Runtime.getRuntime().availableProcessors()));
        }

        md.append("""

                ## The allocation alone (JMH)

                Deciding a batch in memory (`Allocation.decide`, requests of one unit on one SKU), average
                time per batch; the JMH class is `AllocationBenchmark` (`mvn -pl benchmarks exec:exec
                -Dbenchmark.main=io.stocklock.benchmarks.Jmh` runs all its parameters).

                | batch size | µs per batch |
                |---|---|
                """);
        jmh.forEach((size, micros) -> md.append("| %s | %.2f |\n".formatted(size, micros)));
        md.append(Notes.TEXT);
        return md.toString();
    }

    /** What the figures of this run say about the targets missed. */
    private String limits(Row hotB, OpenLoop.Point at80) {
        StringBuilder text = new StringBuilder("\n");
        int fastest = -1;
        for (int i = 0; i < WholeRun.BATCH_SIZES.length; i++) {
            if (batchSizes.get(i).latencyMillis(99) <= 20) {
                fastest = i;
            }
        }
        if (at80.latencyMillis(99) > 20 && fastest >= 0) {
            Strategy.Result result = batchSizes.get(fastest);
            text.append(("- p99: a request waits at least for the batch it is in. The largest batch size whose "
                    + "batches commit within 20 ms at p99 is %d (%.1f ms), deciding %,.0f/s, %.0f%% of the "
                    + "maximum; at 80%% of the maximum the consumer needs larger batches, and requests queue "
                    + "behind the batch being decided.\n").formatted(WholeRun.BATCH_SIZES[fastest],
                    result.latencyMillis(99), result.decisionsPerSecond(),
                    100 * result.decisionsPerSecond() / maximum));
        }
        if (kafka.decisionsPerSecond() < 0.8 * hotB.on().decisionsPerSecond()) {
            text.append(("- Kafka intake: %,.0f decisions/s is %.0f%% of (b) (%,.0f/s). Per batch, the consumer adds "
                    + "to (b)'s transaction the fetch and parsing of its records, the publication of its outcome "
                    + "events and the broker's acknowledgement, and the offset commit; the broker and the service "
                    + "share the cores with PostgreSQL.\n").formatted(kafka.decisionsPerSecond(),
                    100 * kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond(),
                    hotB.on().decisionsPerSecond()));
        }
        return text.toString();
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("| %s | %s | %s |\n".formatted(target, measured, met ? "met" : "**missed**"));
    }

    private static String memory() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            long kib = Long.parseLong(line.replaceAll("\\D", ""));
            return "%.0f GiB".formatted(kib / 1024.0 / 1024.0);
        } catch (Exception e) {
            return "unknown memory";
        }
    }
}
