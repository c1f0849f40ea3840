package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.benchmarks.DrainSideBySide.Drain;
import io.stocklock.benchmarks.DrainSideBySide.Offered;
import io.stocklock.benchmarks.DrainSideBySide.Skus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seconds-long run of the Kafka drain beside pgbench, so its parts never rot: stocklock as {@code java -jar}, one
 * PostgreSQL and one Kafka broker, each a process of its own. It asserts correctness only: every request written to
 * the topic decided once, an event for each, the invariants, and figures found for every part of the table.
 */
class DrainSideBySideSmokeTest {

    @Test
    void everyRequestWrittenToTheTopicIsDecidedOnceWithItsEvent() throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "drain-smoke")), "run-");
        try (var drains = new DrainSideBySide(directory)) {
            drains.warmUp(500);
            for (Skus skus : Skus.values()) {
                // throws unless every request has its decided row (offsets watched first, then the table)
                Drain drain = drains.measure(skus, 1_000, Duration.ofSeconds(2));

                assertThat(drain.pgbenchPerSecond()).as(skus.label).isPositive();
                assertThat(drain.cpuMillis().get(ProcessCpu.Kind.SERVICE)).as(skus.label).isPositive();
            }
            Offered offered = drains.offer(Skus.ZIPF, 200, 0.5, Duration.ofSeconds(2));

            assertThat(offered.decided()).isEqualTo(400);
            assertThat(offered.p(99)).isPositive();
            assertThat(drains.violations()).isEmpty();
        }
    }
}
