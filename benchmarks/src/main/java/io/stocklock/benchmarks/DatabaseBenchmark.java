package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides reservations of one hot SKU with four strategies, one after the other, on the same PostgreSQL, and prints a
 * table: (a) a transaction with {@code SELECT ... FOR UPDATE} per request (stocklock with batch size 1), (b)
 * stocklock's batched FOR UPDATE (batches of 500, one consumer: a hot SKU lives on one partition), (c) a conditional
 * {@code UPDATE ... WHERE on_hand - reserved >= q} per request, (d) an optimistic version check with retry per request.
 * Each runs with {@code synchronous_commit} on, then off; each run checks afterwards that nothing was oversold and
 * every grant is accounted for.
 *
 * <p>{@code mvn -pl benchmarks -am install -DskipTests && mvn -pl benchmarks exec:java -Dexec.args="--seconds=10"}
 */
public final class DatabaseBenchmark {

    private DatabaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(Long.parseLong(option(args, "seconds", "10")));
        int clients = Integer.parseInt(option(args, "clients", "32"));
        // every commit is flushed to disk, as on a production server (synchronous_commit=on, fsync=on)
        System.setProperty(TestPostgres.DURABLE, option(args, "durable", "true"));
        List<Result> results = run(duration, clients);
        System.out.println(table(results));
        System.exit(0); // the embedded server's shutdown hook stops it
    }

    /** Every strategy with {@code synchronous_commit} on (the headline), then every strategy with it off. */
    public static List<Result> run(Duration duration, int clients) throws Exception {
        List<Result> results = new ArrayList<>();
        for (boolean synchronousCommit : new boolean[] {true, false}) {
            for (Strategy strategy : Strategy.values()) {
                System.out.printf(Locale.ROOT, "running %s, synchronous_commit %s, for %d s ...%n", strategy.label,
                        synchronousCommit ? "on" : "off", duration.toSeconds());
                try (var database = new BenchmarkDatabase(TestPostgres.freshDatabase(), clients + 4,
                        synchronousCommit)) {
                    Result result = strategy.run(database, duration, clients);
                    results.add(new Result(result.strategy() + (synchronousCommit ? "" : " [sync off]"),
                            result.clients(), result.decisions(), result.elapsed(), result.retries(),
                            result.walSyncs(), result.oversold()));
                }
            }
        }
        return results;
    }

    public static String table(List<Result> results) {
        double baseline = results.get(0).decisionsPerSecond();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-54s %7s %10s %12s %7s %8s %14s %9s%n", "strategy (one hot SKU)", "clients", "decisions",
                "decisions/s", "x (a)", "retries", "WAL flushes/d", "oversold"));
        for (Result result : results) {
            out.append(String.format(Locale.ROOT, "%-54s %7d %10d %12.0f %7.1f %8d %14.4f %9d%n", result.strategy(),
                    result.clients(), result.decisions(), result.decisionsPerSecond(),
                    result.decisionsPerSecond() / baseline, result.retries(),
                    (double) result.walSyncs() / Math.max(1, result.decisions()), result.oversold()));
        }
        return out.toString();
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    /** @param walSyncs WAL flushes to disk during the run; @param oversold invariant violations found after it */
    public record Result(String strategy, int clients, long decisions, Duration elapsed, long retries, long walSyncs,
                         long oversold) {
        public double decisionsPerSecond() {
            return decisions * 1_000_000_000.0 / elapsed.toNanos();
        }
    }
}
