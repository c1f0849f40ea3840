package io.stocklock.benchmarks;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The ways of deciding reservations of one hot SKU that the benchmark compares. */
enum Strategy {

    PER_REQUEST_LOCK("(a) FOR UPDATE per request (batch size 1)") {
        @Override
        DatabaseBenchmark.Result run(BenchmarkDatabase db, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, false, (connection, retries) ->
                    db.processReservations.process(new ProcessReservationsCommand(List.of(request()))).size(), 0);
        }
    },

    BATCHED_LOCK("(b) stocklock: FOR UPDATE per batch of 500") {
        @Override
        DatabaseBenchmark.Result run(BenchmarkDatabase db, Duration duration, int clients) throws Exception {
            // a hot SKU lives on one partition, so one consumer decides all of its requests, a poll at a time
            return clients(db, duration, 1, false, (connection, retries) -> {
                List<ReservationRequest> batch = new ArrayList<>(500);
                for (int i = 0; i < 500; i++) {
                    batch.add(request());
                }
                return db.processReservations.process(new ProcessReservationsCommand(batch)).size();
            }, 0);
        }
    },

    CONDITIONAL_UPDATE("(c) conditional UPDATE per request") {
        @Override
        DatabaseBenchmark.Result run(BenchmarkDatabase db, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, true, (connection, retries) -> {
                try (PreparedStatement reserve = connection.prepareStatement("""
                        UPDATE inventory SET reserved = reserved + 1
                        WHERE sku = 'HOT' AND on_hand - reserved >= 1""")) {
                    boolean granted = reserve.executeUpdate() == 1;
                    record(connection, granted);
                    connection.commit();
                    return 1;
                }
            }, -1);
        }
    },

    OPTIMISTIC("(d) optimistic version check per request") {
        @Override
        DatabaseBenchmark.Result run(BenchmarkDatabase db, Duration duration, int clients) throws Exception {
            return clients(db, duration, clients, true, (connection, retries) -> {
                while (true) {
                    long onHand;
                    long reserved;
                    long version;
                    try (PreparedStatement read = connection.prepareStatement(
                            "SELECT on_hand, reserved, version FROM inventory WHERE sku = 'HOT'");
                         ResultSet row = read.executeQuery()) {
                        row.next();
                        onHand = row.getLong(1);
                        reserved = row.getLong(2);
                        version = row.getLong(3);
                    }
                    boolean granted = onHand - reserved >= 1;
                    if (granted) {
                        try (PreparedStatement write = connection.prepareStatement("""
                                UPDATE inventory SET reserved = ?, version = version + 1
                                WHERE sku = 'HOT' AND version = ?""")) {
                            write.setLong(1, reserved + 1);
                            write.setLong(2, version);
                            if (write.executeUpdate() == 0) {
                                connection.rollback();
                                retries.incrementAndGet();
                                continue;
                            }
                        }
                    }
                    record(connection, granted);
                    connection.commit();
                    return 1;
                }
            }, -1);
        }
    };

    final String label;

    Strategy(String label) {
        this.label = label;
    }

    abstract DatabaseBenchmark.Result run(BenchmarkDatabase db, Duration duration, int clients) throws Exception;

    /** One unit of work: decides some requests (on the given connection, if it asked for one) and says how many. */
    interface Work {
        int decide(Connection connection, AtomicLong retries) throws Exception;
    }

    /**
     * Runs {@code clients} threads doing {@code work} until the time is up, each on a connection of its own (auto-commit
     * off) if {@code ownConnection}. {@code violations} -1: the strategy keeps no ledger, check reserved rows only.
     */
    DatabaseBenchmark.Result clients(BenchmarkDatabase db, Duration duration, int clients, boolean ownConnection,
                                     Work work, long violations) throws Exception {
        var decisions = new AtomicLong();
        var retries = new AtomicLong();
        long walSyncsBefore = db.walSyncs();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                if (!ownConnection) {
                    while (System.nanoTime() < end) {
                        decisions.addAndGet(work.decide(null, retries));
                    }
                    return null;
                }
                try (Connection connection = db.dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        decisions.addAndGet(work.decide(connection, retries));
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
        long walSyncs = db.walSyncs() - walSyncsBefore;
        long broken = violations >= 0 ? db.violations() : db.heldMismatch();
        return new DatabaseBenchmark.Result(label, clients, decisions.get(), elapsed, retries.get(), walSyncs, broken);
    }

    static ReservationRequest request() {
        return new ReservationRequest(ReservationId.generate(), "buyer", List.of(ReservationLine.of("HOT", 1)),
                Duration.ofMinutes(10));
    }

    /** The reservation row and line the per-request strategies write, as stocklock writes its own. */
    static void record(Connection connection, boolean granted) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement reservation = connection.prepareStatement("""
                INSERT INTO reservation (id, owner, status, hold_seconds, created_at, decided_at, expires_at)
                VALUES (?, 'buyer', ?, 600, ?, ?, ?)""");
             PreparedStatement line = connection.prepareStatement(
                     "INSERT INTO reservation_line (reservation_id, sku, quantity) VALUES (?, 'HOT', 1)")) {
            reservation.setObject(1, id);
            reservation.setString(2, granted ? "RESERVED" : "REJECTED");
            reservation.setTimestamp(3, now);
            reservation.setTimestamp(4, now);
            reservation.setTimestamp(5, granted ? Timestamp.from(now.toInstant().plusSeconds(600)) : null);
            reservation.executeUpdate();
            line.setObject(1, id);
            line.executeUpdate();
        }
    }
}
