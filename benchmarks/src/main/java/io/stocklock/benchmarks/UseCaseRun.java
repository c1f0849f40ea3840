package io.stocklock.benchmarks;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** {@code only=use-case}: the strategies on the workloads given, and where a batch's time goes. */
final class UseCaseRun {

    private UseCaseRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        List<Workload> workloads = options.workloads();
        List<Strategy> strategies = options.strategies();
        Duration run = options.seconds();
        int clients = options.clients();
        Progress progress = new Progress(DatabaseBenchmark.count(workloads, strategies) * 2 + 1);
        System.out.println(DatabaseBenchmark.table(DatabaseBenchmark.run(workloads, strategies, run, clients,
                progress)));
        progress.step("(b) with its ports timed, one hot SKU", run);
        batchTime(run).forEach((step, millis) -> System.out.printf(Locale.ROOT, "%-50s %8.2f ms per batch%n", step,
                millis));
    }

    /** Milliseconds per batch of (b) in each port of the use case, on one hot SKU. */
    static Map<String, Double> batchTime(Duration run) throws Exception {
        try (var db = new BenchmarkDatabase(Databases.fresh(), Workload.HOT, 8, true)) {
            long batches = 0;
            long end = System.nanoTime() + run.toNanos();
            while (System.nanoTime() < end) {
                db.timedProcessReservations.process(new ProcessReservationsCommand(Stream.generate(() ->
                        Strategy.request(Workload.HOT)).limit(Strategy.DEFAULT_BATCH).toList()));
                batches++;
            }
            return db.timeSpent.millisPer(batches);
        }
    }
}
