package io.stocklock.reliability;

import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.Processes;
import io.stocklock.testsupport.process.ServiceInstance;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: one stocklock instance on a durable PostgreSQL and one broker, buyers reserving with short holds for
 * {@code minutes}, retention shortened and unpaced, the stock ledger in partitions of {@code partition-minutes}; once a
 * minute, the sizes of the tables, and, as an operator's job would, the partitions whose reservations retention has
 * deleted detached (stock_movement_detach) and dropped. Writes its table into docs/reliability.md between its markers.
 * Options ({@code name=value}): {@code minutes} (30), {@code buyers} (concurrent HTTP callers, 32),
 * {@code partition-minutes} (5), {@code doc} (../docs/reliability.md).
 */
public final class Soak {

    static final String BEGIN = "<!-- the soak's table: written by scripts/soak.sh -->";
    static final String END = "<!-- end of the soak's table -->";
    private static final int SKUS = 1_000;
    private static final int OWNERS = 500;
    private static final Duration HOLD = Duration.ofSeconds(5);
    private static final Duration KEPT = Duration.ofSeconds(60);
    private static final Duration RETENTION_PERIOD = Duration.ofSeconds(10);
    private static final List<String> TABLES = List.of("reservation", "reservation_line", "reservation_pick", "outbox",
            "owner_holding", "inventory", "stock_level_event");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String operator = TestTokens.bearer("soak-operator", TestTokens.ALL_SCOPES, Duration.ofHours(12),
            TestTokens.SECRET);
    private final List<String> buyerTokens = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private Soak() {
        for (int i = 0; i < OWNERS; i++) {
            buyerTokens.add(TestTokens.bearer("soak-buyer-" + i, "reservations:read reservations:write",
                    Duration.ofHours(12), TestTokens.SECRET));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = RunOptions.parse(args);
        int minutes = Integer.parseInt(given.getOrDefault("minutes", "30"));
        int buyers = Integer.parseInt(given.getOrDefault("buyers", "32"));
        int partitionMinutes = Integer.parseInt(given.getOrDefault("partition-minutes", "5"));
        Path doc = Path.of(given.getOrDefault("doc", "../docs/reliability.md"));
        List<String> rows = new Soak().run(minutes, buyers, partitionMinutes);
        write(doc, minutes, buyers, partitionMinutes, rows);
        System.exit(0);
    }

    private List<String> run(int minutes, int buyers, int partitionMinutes) throws Exception {
        Path directory = Processes.runDirectory(Path.of("target", "soak"));
        var postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        List<String> rows = new ArrayList<>();
        try (var kafka = new KafkaCluster(directory, 1)) {
            kafka.start();
            var service = new ServiceInstance("stocklock", directory, postgres, kafka, List.of(
                    "--stocklock.background.finished-kept=" + KEPT.toSeconds() + "s",
                    "--stocklock.background.retention-period=" + RETENTION_PERIOD.toSeconds() + "s",
                    // ~2,000 reservations finish a second here: at its default pace retention falls behind
                    "--stocklock.background.retention-busy-share=1",
                    "--stocklock.background.ledger-partition=" + partitionMinutes + "m",
                    "--stocklock.background.ledger-partitions-ahead=" + (2 * partitionMinutes) + "m",
                    "--stocklock.limits.max-units-held-per-owner=1000000"));
            service.start();
            service.awaitReady(Duration.ofMinutes(3));
            try {
                for (int sku = 0; sku < SKUS; sku++) {
                    send(service, "/inventory", operator, "{\"sku\":\"SOAK-" + sku + "\",\"onHand\":100000000}",
                            false);
                }
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < buyers; i++) {
                    Thread thread = new Thread(() -> buy(service), "buyer-" + i);
                    thread.start();
                    threads.add(thread);
                }
                log("%d buyers on %d SKUs, holds of %d s, finished reservations kept %d s, ledger partitions of %d min"
                        .formatted(buyers, SKUS, HOLD.toSeconds(), KEPT.toSeconds(), partitionMinutes));
                long detached = 0;
                for (int minute = 1; minute <= minutes; minute++) {
                    Processes.pause(Duration.ofMinutes(1));
                    long decisions = answered.getAndSet(0);
                    long refused = failed.getAndSet(0);
                    List<Long> latencies = new ArrayList<>(latenciesMicros);
                    latenciesMicros.clear();
                    detached += detachOld(postgres, partitionMinutes);
                    String row = sample(postgres, service, minute, decisions, refused, latencies, detached);
                    rows.add(row);
                    log(row);
                }
                running.set(false);
                for (Thread thread : threads) {
                    thread.join();
                }
            } finally {
                running.set(false);
                service.stop();
            }
        } finally {
            postgres.stop();
        }
        return rows;
    }

    private void buy(ServiceInstance service) {
        while (running.get()) {
            var random = ThreadLocalRandom.current();
            String body = "{\"lines\":[{\"sku\":\"SOAK-%d\",\"quantity\":1}],\"holdSeconds\":%d}"
                    .formatted(random.nextInt(SKUS), HOLD.toSeconds());
            long start = System.nanoTime();
            try {
                int status = send(service, "/reservations", buyerTokens.get(random.nextInt(OWNERS)), body, true);
                if (status == 201 || status == 409) {
                    answered.incrementAndGet();
                    latenciesMicros.add((System.nanoTime() - start) / 1_000);
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }

    /**
     * What an operator's job does: every partition whose time ended longer ago than a hold, the retention and a
     * retention run (all its reservations are deleted by then) is detached, its sums carried over, and dropped.
     */
    private static long detachOld(PostgresServer postgres, int partitionMinutes) throws SQLException {
        Duration after = HOLD.plus(KEPT).plus(RETENTION_PERIOD).plusMinutes(1);
        long detached = 0;
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement statement = db.createStatement()) {
            List<String> old = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'stock_movement'::regclass AND c.relname <> 'stock_movement_default'
                      AND stock_movement_partition_end(c.oid) < now() - interval '%d seconds'""".formatted(after.toSeconds()))) {
                while (rows.next()) {
                    old.add(rows.getString(1));
                }
            }
            for (String partition : old) {
                statement.execute("SELECT stock_movement_detach('" + partition + "')");
                statement.execute("DROP TABLE " + partition); // an operator would pg_dump it first
                detached++;
            }
        }
        return detached;
    }

    private static String sample(PostgresServer postgres, ServiceInstance service, int minute, long decisions,
                                 long refused, List<Long> latencies, long detached) throws SQLException {
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement statement = db.createStatement()) {
            long tables = 0;
            for (String table : TABLES) {
                tables += single(statement, "SELECT pg_total_relation_size('" + table + "')");
            }
            long ledger = single(statement, """
                    SELECT COALESCE(sum(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i
                    WHERE i.inhparent = 'stock_movement'::regclass""");
            long partitions = single(statement, """
                    SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'stock_movement'::regclass AND pg_total_relation_size(c.oid) > 16384""");
            long reservations = single(statement, "SELECT count(*) FROM reservation");
            latencies.sort(null);
            double p99 = latencies.isEmpty() ? 0 : latencies.get((int) (latencies.size() * 0.99)) / 1e3;
            return "| %d | %,d | %d | %.1f | %,d | %.1f | %.1f | %d | %d | %d |".formatted(minute, decisions / 60,
                    refused, p99, reservations, tables / 1e6, ledger / 1e6, partitions, detached,
                    rssMegabytes(service.pid()));
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long rssMegabytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private int send(ServiceInstance service, String path, String token, String body, boolean waits)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (waits) {
            request.header("Prefer", "wait=10");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void write(Path doc, int minutes, int buyers, int partitionMinutes, List<String> rows) {
        new MarkedSection(doc, BEGIN, END).rewrite(before ->
                "\nRun on %s with `bash scripts/soak.sh minutes=%d buyers=%d partition-minutes=%d`:\n\n"
                        .formatted(LocalDate.now(), minutes, buyers, partitionMinutes)
                        + "| minute | decisions/s | refused | p99 ms | reservations | other tables MB | ledger MB "
                        + "| ledger partitions with rows | detached so far | service RSS MB |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n"
                        + String.join("\n", rows) + "\n\n");
    }

    private static void log(String message) {
        System.out.printf("[soak %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME)
                .substring(0, 8), message);
    }
}
