package io.stocklock.benchmarks;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.testsupport.TestPostgres;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The Kafka intake drained, as an operator would see it: stocklock as {@code java -jar} (default settings unless
 * {@code service-settings} says otherwise) on a durable PostgreSQL and one broker, each a process of its own. For each
 * workload the request topic is filled while the warmed-up service is frozen (SIGSTOP: neither the producer nor a
 * start-up is counted), then the service drains it; the rate is decisions / (last {@code decided_at} - first
 * {@code decided_at}). Beside it, in the same run and on the same server (a database of its own), pgbench runs the
 * per-request transaction a team would write ({@code SELECT ... FOR UPDATE}, {@code UPDATE}, {@code INSERT} the
 * request, {@code COMMIT}) from 32 clients for the same SKUs. After the runs: stock invariants, every request decided
 * once, every decision's event on the topic.
 */
final class DrainSideBySide implements AutoCloseable {

    private static final String REQUESTS_TOPIC = KafkaLoad.REQUESTS_TOPIC;
    private static final String EVENTS_TOPIC = KafkaLoad.EVENTS_TOPIC;
    private static final int SKUS = 10_000;
    private static final long STOCK = 1_000_000_000_000L;
    private static final int PGBENCH_CLIENTS = 32;
    /** How long the committed offsets stand still before the drain looks at the table. */
    private static final long STILL_OFFSETS = TimeUnit.SECONDS.toNanos(5);
    /** The fractions of the median drain rate offered in an open loop. */
    static final double[] LOAD_FRACTIONS = {0.5, 0.8};

    /** Which SKUs the requests ask for, in Java for the producer and as a pgbench expression for the reference. */
    enum Skus {
        HOT("one hot SKU", "0", 0),
        UNIFORM("10,000 SKUs, uniform", "random(0, 9999)", 0),
        ZIPF("10,000 SKUs, Zipf s=1.1", "random_zipfian(1, 10000, 1.1) - 1", 1.1);

        final String label;
        final String pgbench;
        private final double[] cumulative;

        Skus(String label, String pgbench, double zipfExponent) {
            this.label = label;
            this.pgbench = pgbench;
            cumulative = new double[SKUS];
            double sum = 0;
            for (int rank = 0; rank < SKUS; rank++) {
                sum += 1 / Math.pow(rank + 1, zipfExponent);
                cumulative[rank] = sum;
            }
            for (int rank = 0; rank < SKUS; rank++) {
                cumulative[rank] /= sum;
            }
        }

        int skuNumber(Random random) {
            if (this == HOT) {
                return 0;
            }
            if (this == UNIFORM) {
                return random.nextInt(SKUS);
            }
            int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(SKUS - 1, at >= 0 ? at : -at - 1);
        }
    }

    /**
     * One drain: {@code requests} decided in {@code seconds} from the first decision to the last, CPU milliseconds per
     * decision of the service, the broker and PostgreSQL, and pgbench's rate on the same SKUs.
     */
    record Drain(Skus skus, long requests, double seconds, Map<ProcessCpu.Kind, Double> cpuMillis,
                 double pgbenchPerSecond) {
        double perSecond() {
            return requests / seconds;
        }

        double ratio() {
            return perSecond() / pgbenchPerSecond;
        }
    }

    /** One drain with the service's batch size set: decisions per second. */
    record Sized(int batchSize, Skus skus, double perSecond) {
    }

    /**
     * Requests offered in an open loop at {@code offered} per second; latency in microseconds from when each was due
     * to be written to the request topic until its outcome event was read back; the benchmark JVM's CPU (the
     * producer and the reader) per request.
     */
    record Offered(Skus skus, double offered, double fraction, long decided, Histogram latency,
                   double generatorCpuMillis) {
        double p(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final BenchmarkDatabase seed;
    private final ServiceInstance service;
    private long produced;
    private int runs;

    DrainSideBySide(Path directory) throws Exception {
        this(directory, ServiceSetup.DEFAULT, List.of());
    }

    /** @param settings the service's settings beyond the setup's, as {@code --name=value} */
    DrainSideBySide(Path directory, ServiceSetup setup, List<String> settings) throws Exception {
        postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        kafka = new KafkaCluster(directory, 1);
        kafka.start();
        List<String> all = new ArrayList<>(setup.settings());
        all.addAll(settings);
        service = new ServiceInstance("stocklock", directory, postgres, kafka, all);
        service.start();
        service.awaitReady(Duration.ofMinutes(3));
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement sql = db.createStatement()) {
            BenchmarkDatabase.createSkus(JdbcClient.create(new SingleConnectionDataSource(db, true)), SKUS, STOCK);
            sql.execute("CREATE DATABASE seed");
        }
        String seedUrl = postgres.jdbcUrl().replaceFirst("/" + PostgresServer.DATABASE + "$", "/seed");
        seed = new BenchmarkDatabase(new TestPostgres.TestDatabase(seedUrl, postgres.user(), postgres.password()),
                Workload.UNIFORM, 4, true);
    }

    /** A drain not measured: the service's JIT compilers at work before the measured ones. */
    void warmUp(int requests) throws Exception {
        drain(Skus.UNIFORM, requests);
    }

    /** Drains of each workload, not measured against pgbench: for the batch-size sweep. */
    List<Sized> drains(int batchSize, List<Skus> workloads, int requests) throws Exception {
        List<Sized> sized = new ArrayList<>();
        for (Skus skus : workloads) {
            sized.add(new Sized(batchSize, skus, drain(skus, requests).perSecond()));
        }
        return sized;
    }

    Drain measure(Skus skus, int requests, Duration pgbenchRun) throws Exception {
        Drain drained = drain(skus, requests);
        var pgbench = Pgbench.run(seed, skus.pgbench, pgbenchRun, PGBENCH_CLIENTS, "pgbench");
        return new Drain(skus, drained.requests(), drained.seconds(), drained.cpuMillis(),
                pgbench.decisionsPerSecond());
    }

    private Drain drain(Skus skus, int requests) throws Exception {
        produced += requests;
        String owners = "drain-" + (++runs) + "-";
        var random = new Random(runs);
        service.freeze();
        try (KafkaProducer<String, byte[]> producer = KafkaLoad.producer(kafka.bootstrapServers(), 10)) {
            for (int i = 0; i < requests; i++) {
                String sku = Workload.sku(skus.skuNumber(random));
                producer.send(new ProducerRecord<>(REQUESTS_TOPIC, sku,
                        request(UUID.randomUUID().toString(), sku, owners + (i % 1_000))));
            }
            producer.flush();
        } finally {
            service.thaw();
        }
        String marker = HttpBenchmark.serviceMarker(HttpBenchmark.Target.STOCKLOCK_WAIT);
        ProcessCpu before = ProcessCpu.read(marker, postgres.postmasterPid());
        // the consumer group commits a batch's offsets after its decisions and events are durable: watching the
        // offsets (not the table) costs the database nothing while it drains. An offset commit lost in a rebalance
        // that left the partition where it was is made again only with that partition's next batch, so offsets that
        // stand still for a few seconds send a look at the table instead
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (Admin admin = kafka.admin()) {
            long lag = lag(admin);
            long movedAt = System.nanoTime();
            for (long left = lag; left > 0; left = lag(admin)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not decide " + requests + " requests in 10 min");
                }
                if (left != lag) {
                    lag = left;
                    movedAt = System.nanoTime();
                } else if (System.nanoTime() - movedAt > STILL_OFFSETS && decided(owners).count() == requests) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        ProcessCpu after = ProcessCpu.read(marker, postgres.postmasterPid());
        Decided decided = decided(owners);
        if (decided.count() != requests) {
            throw new IllegalStateException(requests + " requests drained, " + decided.count() + " decided");
        }
        return new Drain(skus, requests, decided.seconds(), before.millisPerRequest(after, requests), 0);
    }

    /** How many requests of one drain are decided, and the seconds from the first decision to the last. */
    private record Decided(long count, double seconds) {
    }

    private Decided decided(String owners) throws SQLException {
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement sql = db.createStatement();
             ResultSet span = sql.executeQuery("SELECT count(*), extract(epoch FROM max(decided_at) - min(decided_at)) "
                     + "FROM reservation WHERE owner LIKE '" + owners + "%' AND status <> 'PENDING'")) {
            span.next();
            return new Decided(span.getLong(1), span.getDouble(2));
        }
    }

    /** Request records not yet committed by the service's consumer group, over all partitions. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("stocklock")
                .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : KafkaLoad.endOffsets(admin, REQUESTS_TOPIC).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /**
     * Requests for the workload's SKUs written to the topic at a steady rate whether or not earlier ones were
     * decided ({@link KafkaLoad#offer}).
     */
    Offered offer(Skus skus, double perSecond, double fraction, Duration duration) throws Exception {
        String owners = "drain-" + (++runs) + "-";
        var random = new Random(runs);
        KafkaLoad.OpenLoop run = KafkaLoad.offer(kafka.bootstrapServers(), perSecond, duration, (i, id) -> {
            String sku = Workload.sku(skus.skuNumber(random));
            return new ProducerRecord<>(REQUESTS_TOPIC, sku, request(id, sku, owners + (i % 1_000)));
        });
        produced += run.sent();
        return new Offered(skus, perSecond, fraction, run.decided(), run.latency(), run.generatorCpuMillis());
    }

    /** A request for one unit, as an external system would write it to the request topic. */
    private static byte[] request(String id, String sku, String owner) {
        return ("{\"schemaVersion\":1,\"requestId\":\"%s\",\"owner\":\"%s\",\"lines\":"
                + "[{\"sku\":\"%s\",\"quantity\":1}],\"holdSeconds\":600,\"submittedAt\":\"%s\"}")
                .formatted(id, owner, sku, Instant.now()).getBytes(StandardCharsets.UTF_8);
    }

    /** What must hold after the runs; empty when all of it does. */
    List<String> violations() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = postgres.connect(PostgresServer.DATABASE)) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(db, true));
            var invariants = new StockInvariants(sql);
            found.addAll(invariants.stockViolations());
            found.addAll(invariants.allocationViolations());
            long decided = sql.sql("SELECT count(*) FROM reservation WHERE owner LIKE 'drain-%' "
                    + "AND status <> 'PENDING'").query(Long.class).single();
            if (decided != produced) {
                found.add(produced + " requests written to the topic, " + decided + " decided");
            }
            try (Admin admin = kafka.admin()) {
                found.addAll(KafkaLoad.eventsMissing(admin, EVENTS_TOPIC, decided));
            }
        }
        return found;
    }

    /** Each round's figures, and per workload the median ratio (with the CPU of the round nearest the median). */
    static String table(List<Drain> drains) {
        var table = new StringBuilder("""
                | SKUs | stocklock Kafka drain, decisions/s | seed transaction (pgbench, 32 clients), tps \
                | ratio, median | CPU ms/decision: service / broker / PostgreSQL |
                |---|---|---|---|---|
                """);
        for (Skus skus : drains.stream().map(Drain::skus).distinct().toList()) {
            List<Drain> these = drains.stream().filter(drain -> drain.skus() == skus)
                    .sorted(java.util.Comparator.comparingDouble(Drain::ratio)).toList();
            Drain median = these.get(these.size() / 2);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | **%.2fx** | %.2f / %.2f / %.2f |%n", skus.label,
                    these.stream().map(drain -> String.format(Locale.ROOT, "%,.0f", drain.perSecond()))
                            .collect(Collectors.joining(" / ")),
                    these.stream().map(drain -> String.format(Locale.ROOT, "%,.0f", drain.pgbenchPerSecond()))
                            .collect(Collectors.joining(" / ")),
                    median.ratio(), median.cpuMillis().get(ProcessCpu.Kind.SERVICE),
                    median.cpuMillis().get(ProcessCpu.Kind.KAFKA), median.cpuMillis().get(ProcessCpu.Kind.POSTGRES)));
        }
        return table.toString();
    }

    static String batchSizeTable(List<Sized> sized) {
        List<Skus> workloads = sized.stream().map(Sized::skus).distinct().toList();
        var table = new StringBuilder("| batch size (`stocklock.kafka.batch-size`) | "
                + workloads.stream().map(skus -> skus.label + ", decisions/s").collect(Collectors.joining(" | "))
                + " |\n|---|" + "---|".repeat(workloads.size()) + "\n");
        for (int size : sized.stream().mapToInt(Sized::batchSize).distinct().toArray()) {
            table.append("| ").append(size).append(" | ").append(workloads.stream()
                    .map(skus -> sized.stream().filter(each -> each.batchSize() == size && each.skus() == skus)
                            .map(each -> String.format(Locale.ROOT, "%,.0f", each.perSecond())).findFirst()
                            .orElse("")).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return table.toString();
    }

    static String offeredTable(List<Offered> offered) {
        var table = new StringBuilder("""
                | SKUs | offered/s (share of the median drain) | decided | p50 ms | p99 ms | p99.9 ms \
                | generator CPU ms/request |
                |---|---|---|---|---|---|---|
                """);
        for (Offered each : offered) {
            table.append(String.format(Locale.ROOT, "| %s | %,.0f (%.0f%%) | %,d | %.1f | %.1f | %.1f | %.3f |%n",
                    each.skus().label, each.offered(), 100 * each.fraction(), each.decided(), each.p(50), each.p(99),
                    each.p(99.9),
                    each.generatorCpuMillis()));
        }
        return table.toString();
    }

    static void plot(List<Sized> sized, Path file) throws java.io.IOException {
        var plot = new Plot("Kafka drain against batch size (durable PostgreSQL, 2 cores)",
                "batch size (stocklock.kafka.batch-size)", "decisions/s", true);
        for (Skus skus : sized.stream().map(Sized::skus).distinct().toList()) {
            List<Sized> these = sized.stream().filter(each -> each.skus() == skus).toList();
            plot.series(skus.label, these.stream().mapToDouble(Sized::batchSize).toArray(),
                    these.stream().mapToDouble(Sized::perSecond).toArray());
        }
        plot.write(file);
    }

    static String markdown(List<Drain> drains, List<Offered> offered, List<Sized> sized, List<String> violations,
                           int requests, int rounds, Duration pgbenchRun) {
        return """
                ## The Kafka intake drained, beside the per-request transaction

                `bash scripts/benchmark.sh only=drain docs=true` (%s, %d rounds). stocklock runs as `java -jar` with
                its default settings on a durable PostgreSQL (`fsync` and `synchronous_commit` on) and one Kafka
                broker, each a process of its own, on this 2-core machine. For each workload %,d requests for one unit
                are written to the request topic while the service, warmed up by an earlier drain, is frozen
                (SIGSTOP), so neither the producer nor a start-up is counted; then the service drains them. Rate =
                decisions / (last `decided_at` - first `decided_at`). Beside it, in the same run on the same server (a
                database of its own), pgbench runs for %d s from 32 clients the transaction a team would write per
                request: `SELECT ... FOR UPDATE`, `UPDATE`, `INSERT` the request, `COMMIT`. CPU per decision by
                process over the drain.

                %s
                Targets: one hot SKU >= 8x, 10,000 SKUs uniform >= 2.5x.

                **Latency from queue to decision** at 50%% and 80%% of the median drain rate: requests written to
                the topic at a fixed rate (an open loop) by a producer in the benchmark's JVM, each timed from when
                it was due until its outcome event was read back from the events topic; the generator's CPU per
                request beside it. The drain rate is the rate a backlog drains at; in the open loop the producer,
                the broker's intake of its records and the reader of the events share the two cores with the
                service, so where a row's p50 is seconds the service fell behind the offered rate for the whole
                run.

                %s
                **Batch size.** For each size a fresh PostgreSQL, broker and service with `stocklock.kafka.batch-size`
                set (so every size starts from the same tables), a drain to warm up, then one drain per workload (no
                pgbench); 500 is the default.

                %s
                ![Kafka drain against batch size](benchmarks/drain-by-batch-size.png)

                After the runs: %s.

                """.formatted(LocalDate.now(), rounds, requests, pgbenchRun.toSeconds(), table(drains),
                offeredTable(offered), batchSizeTable(sized), violations.isEmpty()
                        ? "nothing oversold, reserved equal to what RESERVED reservations hold, every request written "
                        + "to the topic decided once, an event on the topic for every decision"
                        : "VIOLATIONS: " + String.join("; ", violations));
    }

    @Override
    public void close() {
        seed.close();
        service.stop();
        kafka.close();
        postgres.stop();
    }
}
