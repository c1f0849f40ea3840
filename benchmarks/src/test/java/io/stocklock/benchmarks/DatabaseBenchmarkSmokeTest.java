package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A one-second run of every strategy, so the harness never rots; it asserts correctness only, never speed. */
class DatabaseBenchmarkSmokeTest {

    @Test
    void everyStrategyDecidesWithoutOverselling() throws Exception {
        List<DatabaseBenchmark.Result> results = DatabaseBenchmark.run(Duration.ofSeconds(1), 8);
        System.out.print(DatabaseBenchmark.table(results));

        assertThat(results).hasSize(2 * Strategy.values().length).allSatisfy(result -> {
            assertThat(result.decisions()).as(result.strategy()).isPositive();
            assertThat(result.oversold()).as(result.strategy()).isZero();
        });
    }
}
