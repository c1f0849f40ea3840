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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    private static final String REQUESTS_TOPIC = "stocklock.reservation-requests";
    private static final String EVENTS_TOPIC = "stocklock.reservation-events";
    private static final int SKUS = 10_000;
    private static final long STOCK = 1_000_000_000_000L;
    private static final int PGBENCH_CLIENTS = 32;

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

    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final ServiceInstance service;
    private final BenchmarkDatabase seed;
    private int runs;

    DrainSideBySide(Path directory) throws Exception {
        postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        kafka = new KafkaCluster(directory, 1);
        kafka.start();
        service = new ServiceInstance("stocklock", directory, postgres, kafka, HttpBenchmark.serviceSettings());
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

    Drain measure(Skus skus, int requests, Duration pgbenchRun) throws Exception {
        Drain drained = drain(skus, requests);
        var pgbench = Pgbench.run(seed, skus.pgbench, pgbenchRun, PGBENCH_CLIENTS, "pgbench");
        return new Drain(skus, drained.requests(), drained.seconds(), drained.cpuMillis(),
                pgbench.decisionsPerSecond());
    }

    private Drain drain(Skus skus, int requests) throws Exception {
        String owners = "drain-" + (++runs) + "-";
        var random = new Random(runs);
        service.freeze();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < requests; i++) {
                String sku = Workload.sku(skus.skuNumber(random));
                producer.send(new ProducerRecord<>(REQUESTS_TOPIC, sku, request(sku, owners + (i % 1_000))));
            }
            producer.flush();
        } finally {
            service.thaw();
        }
        String marker = HttpBenchmark.serviceMarker(HttpBenchmark.Target.STOCKLOCK_WAIT);
        ProcessCpu before = ProcessCpu.read(marker, postgres.postmasterPid());
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement sql = db.createStatement()) {
            String ours = "owner LIKE '" + owners + "%' AND status <> 'PENDING'";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (count(sql, "SELECT count(*) FROM reservation WHERE " + ours) < requests) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not decide " + requests + " requests in 10 min");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            ProcessCpu after = ProcessCpu.read(marker, postgres.postmasterPid());
            try (ResultSet span = sql.executeQuery("SELECT extract(epoch FROM max(decided_at) - min(decided_at)) "
                    + "FROM reservation WHERE " + ours)) {
                span.next();
                return new Drain(skus, requests, span.getDouble(1), before.millisPerRequest(after, requests), 0);
            }
        }
    }

    /** A request for one unit, as an external system would write it to the request topic. */
    private static byte[] request(String sku, String owner) {
        return ("{\"schemaVersion\":1,\"requestId\":\"%s\",\"owner\":\"%s\",\"lines\":"
                + "[{\"sku\":\"%s\",\"quantity\":1}],\"holdSeconds\":600,\"submittedAt\":\"%s\"}")
                .formatted(UUID.randomUUID(), owner, sku, Instant.now()).getBytes(StandardCharsets.UTF_8);
    }

    /** What must hold after the runs; empty when all of it does. */
    List<String> violations(long produced) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement sql = db.createStatement()) {
            var invariants = new StockInvariants(JdbcClient.create(new SingleConnectionDataSource(db, true)));
            found.addAll(invariants.stockViolations());
            found.addAll(invariants.allocationViolations());
            long decided = count(sql, "SELECT count(*) FROM reservation WHERE owner LIKE 'drain-%' "
                    + "AND status <> 'PENDING'");
            if (decided != produced) {
                found.add(produced + " requests written to the topic, " + decided + " decided");
            }
            long events = eventsOnTopic();
            if (events < decided) {
                found.add(decided + " requests decided but only " + events + " events on the topic");
            }
            System.out.printf(Locale.ROOT, "checked: %d requests decided, %d events on the topic%n", decided, events);
        }
        return found;
    }

    private long eventsOnTopic() throws Exception {
        try (Admin admin = kafka.admin()) {
            var partitions = admin.describeTopics(List.of(EVENTS_TOPIC)).allTopicNames().get().get(EVENTS_TOPIC)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(EVENTS_TOPIC, partition.partition()),
                    partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    static String table(List<Drain> drains) {
        var table = new StringBuilder("""
                | SKUs | stocklock Kafka drain, decisions/s | seed transaction (pgbench, 32 clients), tps | ratio \
                | CPU ms/decision: service / broker / PostgreSQL |
                |---|---|---|---|---|
                """);
        for (Drain drain : drains) {
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2fx | %.2f / %.2f / %.2f |%n",
                    drain.skus().label, drain.perSecond(), drain.pgbenchPerSecond(), drain.ratio(),
                    drain.cpuMillis().get(ProcessCpu.Kind.SERVICE), drain.cpuMillis().get(ProcessCpu.Kind.KAFKA),
                    drain.cpuMillis().get(ProcessCpu.Kind.POSTGRES)));
        }
        return table.toString();
    }

    @Override
    public void close() {
        seed.close();
        service.stop();
        kafka.close();
        postgres.stop();
    }
}
