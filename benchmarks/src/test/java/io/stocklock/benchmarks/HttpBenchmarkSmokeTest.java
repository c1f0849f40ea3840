package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.benchmarks.HttpBenchmark.Point;
import io.stocklock.benchmarks.HttpBenchmark.Skus;
import io.stocklock.benchmarks.HttpBenchmark.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A seconds-long run of the HTTP side by side, so its parts never rot: stocklock as {@code java -jar}, the reference
 * service and Gatling, each a process of its own, on one PostgreSQL and one Kafka broker. It asserts correctness
 * only: every request answered as the contract says, every answer agreeing with the database, and CPU time found
 * for the processes a request goes through (the service, and for stocklock the broker too). Every endpoint runs on
 * the hot SKU; the many-SKU workload runs once, to keep verify short.
 */
class HttpBenchmarkSmokeTest {

    @Test
    void everyEndpointAnswersEveryRequestAndEveryAnswerAgreesWithTheDatabase() throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "http-smoke")), "run-");
        try (HttpBenchmark bench = new HttpBenchmark(directory)) {
            for (Skus skus : Skus.IN_STOCK) {
                // every endpoint on the hot SKU; the many-SKU workload once, through stocklock's waiting door
                for (Target target : skus == Skus.HOT_SKU ? Target.values() : new Target[] {Target.STOCKLOCK_WAIT}) {
                    Point point = bench.run(target, skus, 50, Duration.ofSeconds(1), Duration.ofSeconds(2), false);
                    System.out.println(point);

                    assertThat(point.answered()).as(target + ", " + skus).isGreaterThanOrEqualTo(95);
                    assertThat(point.failed()).as(target + ", " + skus).isZero();
                    assertThat(point.disagreeing()).as(target + ", " + skus).isZero();
                    assertThat(point.cpuMillis(ProcessCpu.Kind.SERVICE)).as(target + ", " + skus).isPositive();
                    assertThat(point.cpuMillis(ProcessCpu.Kind.LOAD)).as(target + ", " + skus).isPositive();
                    assertThat(point.cpuMillis(ProcessCpu.Kind.POSTGRES)).as(target + ", " + skus)
                            .isGreaterThanOrEqualTo(0);
                    if (target.stocklock) {
                        assertThat(point.cpuMillis(ProcessCpu.Kind.KAFKA)).as(target + ", " + skus).isPositive();
                    }
                }
            }
        }
    }
}
