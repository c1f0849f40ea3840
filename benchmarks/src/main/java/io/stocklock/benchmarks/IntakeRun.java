package io.stocklock.benchmarks;

import io.stocklock.benchmarks.IntakeBenchmark.HttpResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaRateResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code only=intake} and {@code only=kafka}: the intakes of a running service alone, for a quick look or a profile. */
final class IntakeRun {

    private IntakeRun() {
    }

    /** {@code only=intake}: the Kafka and HTTP intakes alone, for a quick look or a profile of the service. */
    static void run(BenchmarkOptions options) throws Exception {
        int kafkaRequests = options.kafkaRequests();
        Duration httpRun = options.httpSeconds();
        Progress progress = new Progress(3 + WholeRun.KAFKA_LOAD_FRACTIONS.length + WholeRun.HTTP_CALLERS.length);
        progress.step("starting PostgreSQL, a Kafka broker and stocklock (java -jar) as processes", Duration.ZERO);
        try (IntakeBenchmark intake = new IntakeBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            progress.step("Kafka intake: " + kafkaRequests + " requests for one hot SKU", Duration.ZERO);
            KafkaResult kafka = intake.kafkaIntake(kafkaRequests);
            System.out.printf(Locale.ROOT, "Kafka intake: %,.0f decisions/s%n", kafka.decisionsPerSecond());
            for (KafkaRateResult rate : kafkaAtRates(intake, kafka, httpRun, progress)) {
                System.out.printf(Locale.ROOT, "Kafka intake at %,.0f/s: %,.0f decided/s, p50 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms%n", rate.offeredPerSecond(), rate.decidedPerSecond(), rate.latencyMillis(50),
                        rate.latencyMillis(99), rate.latencyMillis(99.9));
            }
            progress.step("HTTP intake: warming up (not measured)", httpRun);
            intake.httpIntake(WholeRun.HTTP_CALLERS[0], httpRun);
            for (int callers : WholeRun.HTTP_CALLERS) {
                progress.step("HTTP intake: POST /reservations from " + callers + " callers", httpRun);
                HttpResult http = intake.httpIntake(callers, httpRun);
                System.out.printf(Locale.ROOT, "HTTP intake, %d callers: %,.0f requests/s, p50 %.1f ms, p99 %.1f ms, "
                        + "CPU %.0f%%%n", callers, http.requestsPerSecond(), http.latencyMillis(50),
                        http.latencyMillis(99), 100 * http.cpuBusyCores() / Runtime.getRuntime().availableProcessors());
            }
        }
    }

    /**
     * {@code only=kafka}: how fast the decision engine decides a topic full of requests for one hot SKU, alone; with
     * {@code hot-locations=N}, the SKU kept at N locations.
     */
    static void kafka(BenchmarkOptions options) throws Exception {
        int kafkaRequests = options.kafkaRequests();
        try (IntakeBenchmark intake = new IntakeBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            intake.kafkaIntake(kafkaRequests / 10); // warm-up, not measured
            KafkaResult kafka = intake.kafkaIntake(kafkaRequests);
            System.out.printf(Locale.ROOT, "Kafka intake, hot SKU at %d location(s): %,d requests decided in %.1f s: "
                            + "%,.0f decisions/s%n", options.setup().hotLocations(), kafka.requests(),
                    kafka.decidedSeconds(), kafka.decisionsPerSecond());
        }
    }

    /** The Kafka intake offered steady rates, fractions of what it decided with the topic full. */
    static List<KafkaRateResult> kafkaAtRates(IntakeBenchmark intake, KafkaResult queued, Duration run,
                                                      Progress progress) throws Exception {
        List<KafkaRateResult> results = new ArrayList<>();
        for (double fraction : WholeRun.KAFKA_LOAD_FRACTIONS) {
            double rate = fraction * queued.decisionsPerSecond();
            progress.step("Kafka intake offered %.0f%% of its maximum (%.0f/s), one hot SKU".formatted(100 * fraction,
                    rate), run);
            results.add(intake.kafkaAtRate(rate, run));
        }
        return results;
    }
}
