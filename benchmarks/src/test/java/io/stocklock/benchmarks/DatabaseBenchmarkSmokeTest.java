package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A one-second run of every strategy on every workload, so the harness never rots; it asserts correctness only. */
class DatabaseBenchmarkSmokeTest {

    @Test
    void everyStrategyDecidesEveryWorkloadWithoutOverselling() throws Exception {
        List<Workload> workloads = List.of(Workload.values());
        List<Strategy> strategies = List.of(Strategy.values());
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
