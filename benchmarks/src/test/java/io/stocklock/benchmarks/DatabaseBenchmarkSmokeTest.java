package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-second runs of every strategy and every workload, so the harness never rots; it asserts correctness only. */
class DatabaseBenchmarkSmokeTest {

    /** Every strategy on the hot SKU, and stocklock's on every workload: each part of the harness once, in seconds. */
    @Test
    void everyStrategyAndEveryWorkloadDecideWithoutOverselling() throws Exception {
        check(List.of(Workload.HOT), List.of(Strategy.values()));
        check(List.of(Workload.values()).subList(1, Workload.values().length), List.of(Strategy.BATCHED_LOCK));
    }

    private static void check(List<Workload> workloads, List<Strategy> strategies) throws Exception {
        List<DatabaseBenchmark.Row> rows = DatabaseBenchmark.run(workloads, strategies, Duration.ofSeconds(1), 8,
                new Progress(DatabaseBenchmark.count(workloads, strategies) * 2));
        System.out.print(DatabaseBenchmark.table(rows));

        assertThat(rows).hasSize(DatabaseBenchmark.count(workloads, strategies)).allSatisfy(row -> {
            String what = row.workload().label + ", " + row.strategy().label;
            assertThat(row.on().decisions()).as(what).isPositive();
            assertThat(row.off().decisions()).as(what).isPositive();
            assertThat(row.on().oversold() + row.off().oversold()).as(what).isZero();
            assertThat(row.on().latency().getTotalCount()).as(what).isEqualTo(row.on().decisions());
        });
    }

    @Test
    void anOpenLoopDecidesWhatArrives() throws Exception {
        try (var db = new BenchmarkDatabase(Databases.fresh(), Workload.ZIPF, 4,
                false)) {
            OpenLoop.Point point = OpenLoop.run(db, Workload.ZIPF, 500, Duration.ofSeconds(1), 500);

            assertThat(point.latency().getTotalCount()).isBetween(450L, 550L);
            assertThat(db.oversold(true)).isZero();
        }
    }
}
