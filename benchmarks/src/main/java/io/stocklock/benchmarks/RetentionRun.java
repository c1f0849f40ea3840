package io.stocklock.benchmarks;

import io.stocklock.adapters.persistence.JdbcTransactions;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.application.port.in.ForgetFinishedReservations.ForgetFinishedReservationsCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations.Pace;
import io.stocklock.application.port.in.ForgetFinishedReservations.Retention;
import io.stocklock.application.service.ForgetFinishedReservationsService;
import io.stocklock.benchmarks.DoorSideBySide.Run;
import io.stocklock.benchmarks.HttpBenchmark.Skus;
import io.stocklock.benchmarks.HttpBenchmark.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code only=retention}: decision throughput on one hot SKU with retention deleting finished reservations beside it,
 * against the same without, in alternating rounds on the same processes. Buyers wait for their decisions
 * ({@code Prefer: wait}, driven by wrk) and hold for 2 s, so that expiry finishes reservations as fast as they are
 * taken; in the rounds with retention, the service's retention run (its code, batch size and pace) deletes every
 * finished reservation, however young, once a second, against the same database, as an instance's retention job
 * would with {@code finished-kept=0s} and {@code retention-period=1s}.
 */
final class RetentionRun {

    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final int BATCH = 1_000;
    private static final Duration PAUSE = Duration.ofSeconds(1);
    /** The service's default ({@code stocklock.background.retention-busy-share}). */
    private static final Pace PACE = new Pace(Double.parseDouble(Pace.DEFAULT_BUSY_SHARE));

    private RetentionRun() {
    }

    /** A round: with or without retention, and how many reservations retention deleted during it. */
    record Round(boolean retention, Run run, long deleted) {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int rounds = options.rounds();
        Duration seconds = options.wrkSeconds();
        Progress progress = new Progress(2 + 2 * rounds);
        progress.step("starting PostgreSQL, a Kafka broker and stocklock as processes", Duration.ZERO);
        try (HttpBenchmark bench = new HttpBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            var door = new DoorSideBySide(bench, seconds, options.connections(), List.of(Target.STOCKLOCK_WAIT),
                    List.of(Skus.HOT_SKU), HOLD);
            progress.step("warming up, finishing reservations to delete", WARM_UP);
            door.wrk(Target.STOCKLOCK_WAIT, Skus.HOT_SKU, List.of(bench.baseUrl(Target.STOCKLOCK_WAIT)), WARM_UP);
            List<Round> measured = new ArrayList<>();
            try (Connection db = bench.database()) {
                var retention = new RetentionLoop(db);
                for (int round = 1; round <= rounds; round++) {
                    // alternating which goes first, so that neither always runs on the fuller table
                    for (boolean with : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                        progress.step("round %d, %s retention".formatted(round, with ? "with" : "without"), seconds);
                        if (with) {
                            retention.start();
                        }
                        Run run = door.wrk(Target.STOCKLOCK_WAIT, Skus.HOT_SKU,
                                List.of(bench.baseUrl(Target.STOCKLOCK_WAIT)), seconds);
                        measured.add(new Round(with, run, with ? retention.stop() : 0));
                    }
                }
            }
            List<String> violations = door.violations();
            String table = table(measured, seconds);
            System.out.println(table);
            System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            Optional<Path> docs = options.docs();
            if (docs.isPresent()) {
                Files.writeString(docs.get().resolve("benchmarks-retention.md"), page(table, violations, rounds,
                        seconds, options.connections()));
                System.out.println("wrote " + docs.get().resolve("benchmarks-retention.md").toAbsolutePath()
                        .normalize());
            }
            System.out.println("processes' logs: " + bench.directory().toAbsolutePath());
        }
    }

    /** The service's retention, run on its own thread over one connection. */
    private static final class RetentionLoop {

        private final ForgetFinishedReservationsService forget;
        private final AtomicLong deleted = new AtomicLong();
        private Thread thread;

        RetentionLoop(Connection db) {
            var source = new SingleConnectionDataSource(db, true);
            forget = new ForgetFinishedReservationsService(
                    new JdbcTransactions(new DataSourceTransactionManager(source)),
                    new JdbcReservationStore(JdbcClient.create(source)), Clock.systemUTC());
        }

        void start() {
            deleted.set(0);
            thread = new Thread(() -> {
                var command = new ForgetFinishedReservationsCommand(new Retention(Duration.ZERO), BATCH);
                while (!Thread.currentThread().isInterrupted()) {
                    forget.forgetDue(command, PACE, deleted::addAndGet);
                    sleep(PAUSE);
                }
            }, "retention");
            thread.start();
        }

        long stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
            return deleted.get();
        }

        private static void sleep(Duration pause) {
            try {
                TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String table(List<Round> rounds, Duration seconds) {
        StringBuilder table = new StringBuilder("""
                | round | retention | decisions/s | p50 / p99 ms | finished reservations deleted per second | CPU ms per decision: service / Kafka / PostgreSQL / wrk |
                |---|---|---|---|---|---|
                """);
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            Run run = round.run();
            table.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.1f / %.1f | %s | %.2f / %.2f / %.2f / %.2f |%n",
                    i / 2 + 1, round.retention() ? "running" : "off", run.perSecond(), run.p50(), run.p99(),
                    round.retention() ? String.format(Locale.ROOT, "%,.0f", round.deleted()
                            / (double) seconds.toSeconds()) : "",
                    cpu(run, ProcessCpu.Kind.SERVICE), cpu(run, ProcessCpu.Kind.KAFKA),
                    cpu(run, ProcessCpu.Kind.POSTGRES), cpu(run, ProcessCpu.Kind.LOAD)));
        }
        double with = median(rounds, true);
        double without = median(rounds, false);
        table.append(String.format(Locale.ROOT, "%nMedian decisions/s: %,.0f without retention, %,.0f with it: "
                + "**%.2f** of the throughput without (target: at least 0.90).%n", without, with, with / without));
        return table.toString();
    }

    private static double cpu(Run run, ProcessCpu.Kind kind) {
        return run.cpuMillis().getOrDefault(kind, Double.NaN);
    }

    private static double median(List<Round> rounds, boolean retention) {
        return DoorSideBySide.median(rounds.stream().filter(round -> round.retention() == retention)
                .mapToDouble(round -> round.run().perSecond()));
    }

    private static String page(String table, List<String> violations, int rounds, Duration seconds,
                               int connections) {
        return """
                # Decisions while retention deletes

                ```bash
                bash scripts/benchmark.sh only=retention docs=true    # this page
                ```

                Written by that command from one run on %s: 2 cores, JDK %s. stocklock runs as a process of its
                own against one durable PostgreSQL and one Kafka broker; wrk (Debian's, a process of its own) keeps
                %d connections of 1,000 distinct buyers asking, with `Prefer: wait=10`, for one unit of one hot SKU,
                held for %d s, so that expiry finishes reservations about as fast as they are taken. After a minute
                of warm-up, %d rounds of %d s alternate without and with retention (which goes first alternates
                too). In the rounds with it, the service's retention code deletes every finished reservation,
                however young, in batches of %,d, at its default pace (after each batch it rests four times as long
                as the batch took: busy a fifth of the time at most, `retention-busy-share=%s`), and again %d s
                after it found nothing more: what an instance does with `stocklock.background.finished-kept=0s` and
                `retention-period=1s`, far more often than its defaults (30 days and 10 minutes). Retention locks
                only finished reservations and emptied holdings, skipping those another transaction holds
                (`SKIP LOCKED`), never the stock rows the decisions lock (docs/operations.md, "Retention").

                %s
                After the runs: %s.
                """.formatted(LocalDate.now(), Runtime.version().feature() + "." + Runtime.version().interim() + "."
                        + Runtime.version().update(), connections, HOLD.toSeconds(), rounds, seconds.toSeconds(), BATCH,
                PACE.busyShare(), PAUSE.toSeconds(), table, violations.isEmpty()
                        ? "stock within bounds and equal to what RESERVED reservations hold, nothing PENDING, every "
                        + "outcome event published"
                        : "**violations**: " + String.join("; ", violations));
    }
}
