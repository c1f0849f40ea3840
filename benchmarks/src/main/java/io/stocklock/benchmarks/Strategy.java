package io.stocklock.benchmarks;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The ways of deciding reservations that the benchmark compares. */
enum Strategy {

    SEED_TRANSACTION("(a) FOR UPDATE per request, the seed's transaction") {
        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, true, (connection, retries) -> {
                List<ReservationLine> lines = workload.lines(ThreadLocalRandom.current());
                boolean granted = lockAndCheck(connection, lines);
                if (granted) {
                    try (PreparedStatement reserve = connection.prepareStatement(
                            "UPDATE inventory SET reserved = reserved + ?, version = version + 1, updated_at = now() "
                                    + "WHERE sku = ?")) {
                        for (ReservationLine line : lines) {
                            reserve.setLong(1, line.quantity().value());
                            reserve.setString(2, line.sku().value());
                            reserve.addBatch();
                        }
                        reserve.executeBatch();
                    }
                }
                insertRequest(connection, granted, lines);
                connection.commit();
                return 1;
            });
        }
    },

    PGBENCH("(a) the same SQL run by pgbench") {
        @Override
        boolean measures(Workload workload) {
            return Pgbench.supports(workload);
        }

        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return Pgbench.run(db, workload, duration, clients, this);
        }
    },

    STOCKLOCK_ONE_PER_TRANSACTION("stocklock's use case, one request per transaction") {
        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, false, (connection, retries) ->
                    db.processReservations.process(new ProcessReservationsCommand(List.of(request(workload))))
                            .size());
        }
    },

    BATCHED_LOCK("(b) stocklock: FOR UPDATE per batch") {
        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return batched(db, workload, duration, DEFAULT_BATCH);
        }
    },

    CONDITIONAL_UPDATE("(c) conditional UPDATE per request") {
        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, true, (connection, retries) -> {
                List<ReservationLine> lines = workload.lines(ThreadLocalRandom.current());
                boolean granted = true;
                try (PreparedStatement reserve = connection.prepareStatement("""
                        UPDATE inventory SET reserved = reserved + ?
                        WHERE sku = ? AND on_hand - reserved >= ?""")) {
                    for (ReservationLine line : lines) { // in SKU order, like every lock statement of stocklock
                        reserve.setLong(1, line.quantity().value());
                        reserve.setString(2, line.sku().value());
                        reserve.setLong(3, line.quantity().value());
                        if (reserve.executeUpdate() == 0) {
                            granted = false;
                            break;
                        }
                    }
                }
                if (!granted) {
                    connection.rollback();
                }
                insertRequest(connection, granted, lines);
                connection.commit();
                return 1;
            });
        }
    },

    OPTIMISTIC("(d) optimistic version check per request") {
        @Override
        Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, true, (connection, retries) -> {
                List<ReservationLine> lines = workload.lines(ThreadLocalRandom.current());
                attempt:
                while (true) {
                    boolean granted = true;
                    for (ReservationLine line : lines) {
                        long available;
                        long version;
                        try (PreparedStatement read = connection.prepareStatement(
                                "SELECT on_hand - reserved, version FROM inventory WHERE sku = ?")) {
                            read.setString(1, line.sku().value());
                            try (ResultSet row = read.executeQuery()) {
                                row.next();
                                available = row.getLong(1);
                                version = row.getLong(2);
                            }
                        }
                        if (available < line.quantity().value()) {
                            granted = false;
                            break;
                        }
                        try (PreparedStatement write = connection.prepareStatement("""
                                UPDATE inventory SET reserved = reserved + ?, version = version + 1
                                WHERE sku = ? AND version = ?""")) {
                            write.setLong(1, line.quantity().value());
                            write.setString(2, line.sku().value());
                            write.setLong(3, version);
                            if (write.executeUpdate() == 0) {
                                connection.rollback();
                                retries.incrementAndGet();
                                continue attempt;
                            }
                        }
                    }
                    if (!granted) {
                        connection.rollback();
                    }
                    insertRequest(connection, granted, lines);
                    connection.commit();
                    return 1;
                }
            });
        }
    };

    static final int DEFAULT_BATCH = 500;

    final String label;

    Strategy(String label) {
        this.label = label;
    }

    abstract Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients) throws Exception;

    /** Whether this strategy can run the workload. */
    boolean measures(Workload workload) {
        return true;
    }

    /**
     * stocklock as deployed: one consumer thread deciding polls of {@code batchSize} requests (a hot SKU lives on one
     * partition, so one consumer decides all of its requests). Every request of a batch waits as long as the batch.
     */
    static Result batched(BenchmarkDatabase db, Workload workload, Duration duration, int batchSize) throws Exception {
        return BATCHED_LOCK.clients(db, duration, 1, false, (connection, retries) -> {
            Random random = ThreadLocalRandom.current();
            List<ReservationRequest> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(request(workload.lines(random)));
            }
            return db.processReservations.process(new ProcessReservationsCommand(batch)).size();
        });
    }

    /** One unit of work: decides some requests (on the given connection, if it asked for one) and says how many. */
    interface Work {
        int decide(Connection connection, AtomicLong retries) throws Exception;
    }

    /**
     * Runs {@code clients} threads doing {@code work} until the time is up, each on a connection of its own (auto-commit
     * off) if {@code ownConnection}. Every request decided by a unit of work waited as long as that unit took.
     */
    Result clients(BenchmarkDatabase db, Duration duration, int clients, boolean ownConnection, Work work)
            throws Exception {
        var decisions = new AtomicLong();
        var retries = new AtomicLong();
        var latency = new ConcurrentHistogram(3);
        long walSyncsBefore = db.walSyncs();
        MachineCpu cpu = MachineCpu.start();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                try (Connection connection = ownConnection ? db.dataSource.getConnection() : null) {
                    if (connection != null) {
                        connection.setAutoCommit(false);
                    }
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        int decided = work.decide(connection, retries);
                        latency.recordValueWithCount(Math.max(1, (System.nanoTime() - began) / 1_000), decided);
                        decisions.addAndGet(decided);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double cpuBusy = cpu.busyCores();
        long walSyncs = db.walSyncs() - walSyncsBefore;
        return new Result(label, clients, decisions.get(), elapsed, retries.get(), walSyncs, cpuBusy, latency,
                db.oversold(keepsTheLedger()));
    }

    /** Whether the strategy writes stocklock's ledger, which the invariant check then compares with the stock. */
    boolean keepsTheLedger() {
        return this == STOCKLOCK_ONE_PER_TRANSACTION || this == BATCHED_LOCK;
    }

    /**
     * Locks the stock rows of the lines ({@code SELECT ... FOR UPDATE}, in SKU order in one statement) and says whether
     * every line is available.
     */
    static boolean lockAndCheck(Connection connection, List<ReservationLine> lines) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT sku, on_hand - reserved FROM inventory WHERE sku = ANY(?) ORDER BY sku FOR UPDATE")) {
            lock.setArray(1, connection.createArrayOf("text",
                    lines.stream().map(line -> line.sku().value()).toArray()));
            var available = new HashMap<String, Long>();
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    available.put(rows.getString(1), rows.getLong(2));
                }
            }
            return lines.stream().allMatch(line ->
                    available.getOrDefault(line.sku().value(), 0L) >= line.quantity().value());
        }
    }

    /** The request row with its status (and its lines), in one statement. */
    static void insertRequest(Connection connection, boolean granted, List<ReservationLine> lines)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(REQUEST_INSERT)) {
            insert.setString(1, granted ? "RESERVED" : "REJECTED");
            insert.setBoolean(2, granted);
            insert.setArray(3, connection.createArrayOf("text",
                    lines.stream().map(line -> line.sku().value()).toArray()));
            insert.setArray(4, connection.createArrayOf("bigint",
                    lines.stream().map(line -> line.quantity().value()).toArray()));
            insert.executeUpdate();
        }
    }

    /** What (a) inserts per request: the reservation row with its status, and its lines. */
    static final String REQUEST_INSERT = requestInsert("?", "?", "?::text[]", "?::bigint[]");

    /** (a)'s INSERT with the given status, whether granted, SKUs and quantities: the one text pgbench runs too. */
    static String requestInsert(String status, String granted, String skus, String quantities) {
        return """
                WITH r AS (
                    INSERT INTO reservation (id, owner, status, hold_seconds, created_at, decided_at, expires_at)
                    VALUES (gen_random_uuid(), 'buyer', %s, 600, now(), now(),
                            CASE WHEN %s THEN now() + interval '600 seconds' END)
                    RETURNING id)
                INSERT INTO reservation_line (reservation_id, sku, quantity)
                SELECT r.id, l.sku, l.quantity FROM r, unnest(%s, %s) AS l(sku, quantity)"""
                .formatted(status, granted, skus, quantities);
    }

    static ReservationRequest request(Workload workload) {
        return request(workload.lines(ThreadLocalRandom.current()));
    }

    /** A request of one of 1,000 buyers, each of whom may hold 1,000 units of a SKU by default. */
    static ReservationRequest request(List<ReservationLine> lines) {
        return new ReservationRequest(ReservationId.generate(), "buyer-" + ThreadLocalRandom.current().nextInt(1_000),
                lines, Duration.ofMinutes(10));
    }

    /**
     * @param walSyncs WAL flushes to disk during the run
     * @param cpuBusyCores the machine's busy CPU during the run, in cores (2 = both cores of this machine busy)
     * @param latency microseconds from a request's submission to its decision
     * @param oversold stock invariant violations found after the run
     */
    record Result(String strategy, int clients, long decisions, Duration elapsed, long retries, long walSyncs,
                  double cpuBusyCores, Histogram latency, long oversold) {

        double decisionsPerSecond() {
            return decisions * 1_000_000_000.0 / elapsed.toNanos();
        }

        double walSyncsPerDecision() {
            return (double) walSyncs / Math.max(1, decisions);
        }

        /** CPU time of the whole machine per decision, in microseconds. */
        double cpuMicrosPerDecision() {
            return cpuBusyCores * elapsed.toNanos() / 1_000.0 / Math.max(1, decisions);
        }

        double latencyMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }
}
