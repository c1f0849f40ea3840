package io.stocklock.benchmarks;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.benchmarks.load.ReservationLoad;
import io.stocklock.benchmarks.reference.ReferenceService;
import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.Processes;
import io.stocklock.testsupport.process.ServiceInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Buyers over HTTP, side by side in one run: stocklock ({@code java -jar}, answering 202, or the decision with
 * {@code Prefer: wait}), the per-request {@code SELECT ... FOR UPDATE} endpoint a team would write instead, and an
 * authenticated no-op on the same stack, each a process of its own against the same PostgreSQL; the load comes from
 * Gatling ({@link ReservationLoad}) in a process of its own, in an open loop at a fixed arrival rate. For each
 * endpoint the rate is raised until it is no longer sustained; after every run each answer is checked against the
 * database row it names, and the stock invariants are checked.
 */
final class HttpBenchmark implements AutoCloseable {

    static final String HOT = "HOT";
    /** A SKU with nothing on hand: every request for it is refused. */
    static final String SOLD_OUT = "SOLD-OUT";
    static final int SKUS = 10_000;
    private static final long STOCK = 1_000_000_000L;

    /**
     * Before its first measurement each endpoint serves a minute of moderate load, not measured: on two cores a fresh
     * JVM's JIT compilers take that long to settle (stocklock's p50 at 300/s fell from seconds to 9 ms over the
     * first two minutes of traffic), and the first steps of a sweep would measure the compiler instead of the code.
     */
    static final double WARM_UP_RATE = 250;
    static final Duration WARM_UP = Duration.ofSeconds(60);

    /** What is measured: one endpoint, answering what kind of answer. */
    enum Target {
        STOCKLOCK_WAIT("stocklock, `Prefer: wait=10` (the decision)", true, "/reservations"),
        STOCKLOCK_ACCEPTED("stocklock, 202 (accepted)", true, "/reservations"),
        PER_REQUEST_LOCK("per-request `FOR UPDATE` endpoint (the decision)", false, "/reservations"),
        BARE_GROUP_COMMIT("bare group commit, same stack (the decision; no guarantees)", false, "/group-commit"),
        NO_OP("authenticated no-op, same stack (ceiling)", false, "/noop");

        final String label;
        final boolean stocklock;
        final String path;

        Target(String label, boolean stocklock, String path) {
            this.label = label;
            this.stocklock = stocklock;
            this.path = path;
        }
    }

    enum Skus {
        HOT_SKU("one hot SKU"), UNIFORM("10,000 SKUs, uniform"), SOLD_OUT("one sold-out SKU");

        /** The workloads with stock to sell: the sold-out SKU is a workload of the side by side on request only. */
        static final List<Skus> IN_STOCK = List.of(HOT_SKU, UNIFORM);

        final String label;

        Skus(String label) {
            this.label = label;
        }
    }

    /**
     * One load run: what was offered and what came back, and the CPU milliseconds each kind of process spent per
     * request over the whole run (ramp included).
     */
    record Point(Target target, Skus skus, double offered, int sent, int answered, int failed, double p50,
                 double p99, double p999, double max, int disagreeing, Map<ProcessCpu.Kind, Double> cpuMillis) {

        /** Sustained: every request answered as the contract says, with a p99 a buyer would wait for. */
        boolean sustained() {
            return answered >= sent * 0.99 && failed <= sent * 0.001 && p99 <= 1_000;
        }

        double cpuMillis(ProcessCpu.Kind kind) {
            return cpuMillis.getOrDefault(kind, Double.NaN);
        }

        double cpuMillisInAll() {
            return cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Path directory;
    private final ServiceSetup setup;
    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final ServiceInstance stocklock;
    private ServiceInstance second;
    private final Process reference;
    private final int referencePort = Processes.freePort();
    private Process secondReference;
    private final int secondReferencePort = Processes.freePort();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int runs;

    /** For a smoke: PostgreSQL as it starts, fresh. */
    HttpBenchmark(Path directory) throws Exception {
        this(directory, ServiceSetup.DEFAULT, false);
    }

    /** For a measurement: PostgreSQL's WAL as on a server that has run a while ({@link #recycledWal}). */
    HttpBenchmark(Path directory, ServiceSetup setup) throws Exception {
        this(directory, setup, true);
    }

    private HttpBenchmark(Path directory, ServiceSetup setup, boolean walInService) throws Exception {
        this.directory = directory;
        this.setup = setup;
        postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        if (walInService) {
            recycledWal();
        }
        kafka = new KafkaCluster(directory, 1);
        kafka.start();
        stocklock = new ServiceInstance("stocklock", directory, postgres, kafka, setup.settings());
        stocklock.start();
        reference = startReference(referencePort, "reference");
        stocklock.awaitReady(Duration.ofMinutes(3));
        awaitReference(reference, referencePort, Duration.ofMinutes(2));
        stock();
    }

    /**
     * PostgreSQL's WAL as on a server that has run a while: segments recycled, not created. A fresh server creates a
     * segment (16 MB written and synced) each time the WAL moves on, about every 2 s at the door's rate, and the commit
     * that needs it waited 15-20 ms for it; a server in service renames one it no longer needs. So: a WAL sized as a
     * production server's is (at least 2 GB kept, a checkpoint at most every 4 GB), and 2 GB of segments written
     * before the services start and recycled by a checkpoint.
     */
    private void recycledWal() throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.execute("ALTER SYSTEM SET min_wal_size = '2GB'");
            sql.execute("ALTER SYSTEM SET max_wal_size = '4GB'");
            sql.execute("SELECT pg_reload_conf()");
            sql.execute("""
                    DO $$ BEGIN
                      FOR segment IN 1..128 LOOP
                        PERFORM pg_logical_emit_message(false, 'benchmark', '');
                        PERFORM pg_switch_wal();
                      END LOOP;
                    END $$""");
            sql.execute("CHECKPOINT");
        }
    }

    /** The reference service (the per-request endpoint, the bare group commit, the no-op) as a process of its own. */
    private Process startReference(int port, String name) {
        List<String> command = new ArrayList<>(List.of(Processes.java()));
        command.addAll(Processes.serviceMemory());
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ReferenceService.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--spring.sql.init.mode=always",
                "--spring.sql.init.schema-locations=classpath:reference-schema.sql",
                "--reference.jwt-secret=" + TestTokens.SECRET,
                "--logging.level.root=WARN"));
        command.addAll(setup.settings());
        return Processes.start(command, directory.resolve(name + ".log"));
    }

    /** What only the command line of the target's service process holds. */
    static String serviceMarker(Target target) {
        return target.stocklock ? "-jar " + ServiceInstance.applicationJar() : ReferenceService.class.getName();
    }

    /** The same stock in both: one hot SKU and 10,000 others, plenty of each, and one SKU with none. */
    private void stock() throws Exception {
        HotStock.create(http, stocklock, HOT, STOCK, setup.hotLocations());
        HotStock.create(http, stocklock, SOLD_OUT, 0, setup.hotLocations());
        try (Connection db = database(); Statement sql = db.createStatement()) {
            BenchmarkDatabase.createSkus(JdbcClient.create(new SingleConnectionDataSource(db, true)), SKUS, STOCK);
            sql.execute("INSERT INTO reference.inventory (sku, on_hand) SELECT format('SKU-%s', lpad(i::text, 5, "
                    + "'0')), " + STOCK + " FROM generate_series(0, " + (SKUS - 1) + ") AS i");
            sql.execute("INSERT INTO reference.inventory (sku, on_hand) VALUES ('" + HOT + "', " + STOCK + ")");
            sql.execute("INSERT INTO reference.inventory (sku, on_hand) VALUES ('" + SOLD_OUT + "', 0)");
        }
    }

    /** Offers {@code rate} requests per second for {@code duration}, then checks every answer against the database. */
    Point run(Target target, Skus skus, double rate, Duration duration, boolean report) throws Exception {
        return run(target, skus, rate, Duration.ofSeconds(10), duration, report);
    }

    /** @param warmUp before the measurement, the rate rises from a tenth to all of it; not measured */
    Point run(Target target, Skus skus, double rate, Duration warmUp, Duration duration, boolean report)
            throws Exception {
        Path answers = directory.resolve("answers-" + (++runs) + ".txt");
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx1g", "-XX:+UseParallelGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", // Gatling reads strings without copying them
                "-Dbase-url=" + baseUrl(target),
                "-Dpath=" + target.path,
                "-Dsecret=" + TestTokens.SECRET,
                "-Dcallers=1000",
                "-Drate=" + rate,
                "-Dseconds=" + duration.toSeconds(),
                "-Dwarm-up=" + warmUp.toSeconds(),
                "-Danswers=" + answers,
                "-Dgatling.data.enableAnalytics=false"));
        if (target == Target.STOCKLOCK_WAIT) {
            command.add("-Dprefer=wait=10");
        }
        command.add(switch (skus) {
            case HOT_SKU -> "-Dsku=" + HOT;
            case SOLD_OUT -> "-Dsku=" + SOLD_OUT;
            case UNIFORM -> "-Dsku-count=" + SKUS;
        });
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "-s", ReservationLoad.class.getName(),
                "-rf", directory.resolve("gatling").toString()));
        if (!report) {
            command.add("-nr");
        }
        if (startedAgain(target)) {
            warmUp(target);
        }
        ProcessCpu cpuBefore = ProcessCpu.read(serviceMarker(target), postgres.postmasterPid());
        Process gatling = Processes.start(command, directory.resolve("gatling.log"));
        if (!gatling.waitFor(warmUp.toSeconds() + duration.toSeconds() + 180, TimeUnit.SECONDS)) {
            gatling.destroyForcibly();
            throw new IllegalStateException("the load generator did not finish; see " + directory.resolve("gatling.log"));
        }
        int sent = (int) Math.round(rate * duration.toSeconds());
        if (!Files.exists(Path.of(answers + ".summary"))) {
            // the load generator itself gave up (out of sockets, say, when the endpoint stopped answering)
            return new Point(target, skus, rate, sent, 0, sent, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                    Map.of());
        }
        Map<String, String> summary = summary(Path.of(answers + ".summary"));
        Map<ProcessCpu.Kind, Double> cpuMillis = cpuBefore.millisPerRequest(
                ProcessCpu.read(serviceMarker(target), postgres.postmasterPid()),
                Long.parseLong(summary.get("answered-in-all")));
        int failed = 0;
        int answered = 0;
        for (var entry : summary.entrySet()) {
            if (entry.getKey().startsWith("status.")) {
                int status = Integer.parseInt(entry.getKey().substring("status.".length()));
                int count = Integer.parseInt(entry.getValue());
                answered += count;
                if (status != 200 && status != 201 && status != 202 && status != 409) {
                    failed += count;
                }
            }
        }
        int disagreeing = target == Target.NO_OP ? 0 : disagreeing(target, answers);
        return new Point(target, skus, rate, sent, answered - failed, failed, number(summary, "p50"),
                number(summary, "p99"), number(summary, "p999"), number(summary, "max"), disagreeing, cpuMillis);
    }

    /**
     * Answers that do not agree with the database, plus SKUs whose stock breaks an invariant. stocklock's 202s must
     * be decided, and not FAILED, within a minute; a 201 names a RESERVED row, a 409 a REJECTED one.
     */
    private int disagreeing(Target target, Path answers) throws Exception {
        Map<UUID, Integer> told = new HashMap<>();
        int unnamed = 0;
        for (String line : Files.readAllLines(answers)) {
            String[] parts = line.split(" ");
            int status = Integer.parseInt(parts[0]);
            if (status == 201 || status == 202 || status == 409) {
                if (parts[1].equals("-")) {
                    unnamed++;
                } else {
                    told.put(UUID.fromString(parts[1]), status);
                }
            }
        }
        String table = target.stocklock ? "reservation" : "reference.reservation_request";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Map<UUID, String> rows;
        do {
            rows = statuses(table, told.keySet());
        } while (rows.containsValue("PENDING") && System.nanoTime() < deadline && pause());
        int disagreeing = unnamed;
        for (var answer : told.entrySet()) {
            String row = rows.get(answer.getKey());
            boolean agrees = switch (answer.getValue()) {
                case 201 -> "RESERVED".equals(row);
                case 409 -> "REJECTED".equals(row);
                default -> "RESERVED".equals(row) || "REJECTED".equals(row);
            };
            if (!agrees) {
                disagreeing++;
            }
        }
        return disagreeing + brokenInvariants();
    }

    private static boolean pause() {
        Processes.pause(Duration.ofMillis(200));
        return true;
    }

    private Map<UUID, String> statuses(String table, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> rows = new HashMap<>();
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT id, status FROM " + table + " WHERE id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getObject(1, UUID.class), result.getString(2));
                }
            }
        }
        return rows;
    }

    /** Stock rows of either service that are out of bounds or differ from the reservations that hold them. */
    private int brokenInvariants() throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement();
             ResultSet reference = sql.executeQuery("""
                     SELECT CASE WHEN (SELECT coalesce(sum(reserved), 0) FROM reference.inventory)
                                      = (SELECT count(*) FROM reference.reservation_request WHERE status = 'RESERVED')
                                 THEN 0 ELSE 1 END""")) {
            reference.next();
            return reference.getInt(1) + new StockInvariants(JdbcClient.create(new SingleConnectionDataSource(db,
                    true))).stockViolations().size();
        }
    }

    /** A minute of moderate load, not measured. */
    void warmUp(Target target) throws Exception {
        run(target, Skus.HOT_SKU, WARM_UP_RATE, WARM_UP.dividedBy(3), WARM_UP.minus(WARM_UP.dividedBy(3)), false);
    }

    /**
     * An endpoint that died of an overload in an earlier step is started again, so the next step measures it, once
     * warmed up like at the start.
     */
    private boolean startedAgain(Target target) {
        if (target.stocklock && !stocklock.isAlive()) {
            System.out.println("    stocklock had exited (see its log); starting it again and warming it up");
            stocklock.start();
            stocklock.awaitReady(Duration.ofMinutes(3));
            return true;
        }
        if (!target.stocklock && !reference.isAlive()) {
            throw new IllegalStateException("the reference service exited; see " + directory.resolve("reference.log"));
        }
        return false;
    }

    String baseUrl(Target target) {
        return target.stocklock ? stocklock.uri("").toString() : "http://localhost:" + referencePort;
    }

    Connection database() throws SQLException {
        return postgres.connect(PostgresServer.DATABASE);
    }

    private void awaitReference(Process process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the reference service exited; see its log in " + directory);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/noop"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Processes.pause(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the reference service was not up within " + timeout);
    }

    private static Map<String, String> summary(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (!Files.exists(file)) {
            throw new IllegalStateException("the load generator wrote no summary (" + file + ")");
        }
        for (String line : Files.readAllLines(file)) {
            String[] pair = line.split("=", 2);
            values.put(pair[0], pair[1]);
        }
        return values;
    }

    private static double number(Map<String, String> summary, String key) {
        return Double.parseDouble(summary.getOrDefault(key, "NaN"));
    }

    Path directory() {
        return directory;
    }

    /**
     * A second instance of the target's service on the same database (and, for stocklock, the same broker and
     * consumer group); started once.
     */
    String secondInstanceUrl(Target target) {
        if (!target.stocklock) {
            if (secondReference == null) {
                secondReference = startReference(secondReferencePort, "reference-2");
                awaitReference(secondReference, secondReferencePort, Duration.ofMinutes(2));
            }
            return "http://localhost:" + secondReferencePort;
        }
        if (second == null) {
            second = new ServiceInstance("stocklock-2", directory, postgres, kafka, setup.settings());
            second.start();
            second.awaitReady(Duration.ofMinutes(3));
        }
        return second.uri("").toString();
    }

    long postmasterPid() {
        return postgres.postmasterPid();
    }

    Admin kafkaAdmin() {
        return kafka.admin();
    }

    @Override
    public void close() {
        reference.destroy();
        if (secondReference != null) {
            secondReference.destroy();
        }
        if (second != null) {
            second.stop();
        }
        stocklock.stop();
        kafka.close();
        postgres.stop();
    }
}
