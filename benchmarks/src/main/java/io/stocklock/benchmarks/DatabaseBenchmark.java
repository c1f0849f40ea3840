package io.stocklock.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The use case directly, database bound: every strategy on every workload, on a fresh database each, with
 * {@code synchronous_commit} on (the headline) and then off. Every run checks afterwards that nothing was oversold.
 */
final class DatabaseBenchmark {

    private DatabaseBenchmark() {
    }

    /** One strategy on one workload, with synchronous commit on and off. */
    record Row(Workload workload, Strategy strategy, Strategy.Result on, Strategy.Result off) {
    }

    /** How many rows {@link #run} measures for these workloads. */
    static int count(List<Workload> workloads, List<Strategy> strategies) {
        return (int) workloads.stream().mapToLong(workload -> strategies.stream()
                .filter(strategy -> strategy.measures(workload)).count()).sum();
    }

    static List<Row> run(List<Workload> workloads, List<Strategy> strategies, Duration duration, int clients,
                         Progress progress) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Workload workload : workloads) {
            for (Strategy strategy : strategies) {
                if (!strategy.measures(workload)) {
                    continue;
                }
                Strategy.Result on = run(workload, strategy, true, duration, clients, progress);
                Strategy.Result off = run(workload, strategy, false, duration, clients, progress);
                rows.add(new Row(workload, strategy, on, off));
            }
        }
        return rows;
    }

    private static Strategy.Result run(Workload workload, Strategy strategy, boolean synchronousCommit,
                                       Duration duration, int clients, Progress progress) throws Exception {
        progress.step("%s, %s, synchronous_commit %s".formatted(workload.label, strategy.label,
                synchronousCommit ? "on" : "off"), duration);
        try (var database = new BenchmarkDatabase(Databases.fresh(), workload, clients + 4,
                synchronousCommit)) {
            return strategy.run(database, workload, duration, clients);
        }
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-34s %-42s %7s %10s %7s %8s %8s %8s %9s %8s %8s %9s %10s %8s%n", "workload", "strategy",
                "clients", "decided/s", "x (a)", "p50 ms", "p99 ms", "p999 ms", "WAL/dec", "CPU %", "CPU us/d",
                "retries", "off: dec/s", "oversold"));
        for (Row row : rows) {
            Strategy.Result on = row.on();
            out.append(String.format(Locale.ROOT,
                    "%-34s %-42s %7d %10.0f %7.1f %8.2f %8.2f %8.2f %9.4f %8.0f %8.0f %9d %10.0f %8d%n",
                    row.workload().label, on.strategy(), on.clients(), on.decisionsPerSecond(),
                    on.decisionsPerSecond() / rows.stream().filter(other -> other.workload() == row.workload()
                            && other.strategy() == Strategy.SEED_TRANSACTION).findFirst()
                            .map(baseline -> baseline.on().decisionsPerSecond()).orElse(Double.NaN),
                    on.latencyMillis(50), on.latencyMillis(99), on.latencyMillis(99.9), on.walSyncsPerDecision(),
                    100 * on.cpuBusyCores() / Runtime.getRuntime().availableProcessors(), on.cpuMicrosPerDecision(),
                    on.retries(), row.off().decisionsPerSecond(), on.oversold() + row.off().oversold()));
        }
        return out.toString();
    }

    /** Strategy (a) on the same workload: what the others are compared with. */
    static Row baseline(List<Row> rows, Workload workload) {
        return find(rows, workload, Strategy.SEED_TRANSACTION);
    }

    static Row find(List<Row> rows, Workload workload, Strategy strategy) {
        return rows.stream().filter(row -> row.workload() == workload && row.strategy() == strategy).findFirst()
                .orElseThrow();
    }
}
