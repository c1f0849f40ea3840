package io.stocklock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

final class WholeRun {

    private WholeRun() {
    }

    static final int[] BATCH_SIZES = {1, 10, 50, 100, 250, 500, 1000};
    static final double[] LOAD_FRACTIONS = {0.1, 0.25, 0.5, 0.8, 0.95};
    static final double[] KAFKA_LOAD_FRACTIONS = {0.5, 0.8};
    static final int[] HTTP_CALLERS = {16, 64};

    /**
     * The whole run: the use case directly (the strategies on the workloads, synchronous commit on and off), the batch
     * size swept, latency against offered load, where a batch's time goes, the Kafka and HTTP intakes of a running
     * service, and JMH; with {@code docs=true}, docs/benchmarks.md and its plots.
     */
    static void run(BenchmarkOptions options) throws Exception {
        Duration run = options.seconds();
        Duration shortRun = Duration.ofSeconds(Math.max(3, run.toSeconds() / 2));
        int clients = options.clients();
        int kafkaRequests = options.kafkaRequests();
        Duration httpRun = options.httpSeconds();
        List<Workload> workloads = options.workloads();
        Progress progress = new Progress(DatabaseBenchmark.count(workloads, List.of(Strategy.values())) * 2 + BATCH_SIZES.length + 1
                + LOAD_FRACTIONS.length + 3 + KAFKA_LOAD_FRACTIONS.length + HTTP_CALLERS.length + 2);
        BenchmarksPage report = new BenchmarksPage(run, clients);

        report.rows = DatabaseBenchmark.run(workloads, List.of(Strategy.values()), run, clients, progress);
        System.out.println(DatabaseBenchmark.table(report.rows));

        for (int size : BATCH_SIZES) {
            progress.step("(b) with batch size " + size + ", one hot SKU", shortRun);
            try (var db = new BenchmarkDatabase(Databases.fresh(), Workload.HOT, 8, true)) {
                report.batchSizes.add(Strategy.batched(db, Workload.HOT, shortRun, size));
            }
        }
        progress.step("(b) with its ports timed, one hot SKU", shortRun);
        report.batchTime = UseCaseRun.batchTime(shortRun);
        double maximum = DatabaseBenchmark.find(report.rows, Workload.HOT, Strategy.BATCHED_LOCK).on()
                .decisionsPerSecond();
        for (double fraction : LOAD_FRACTIONS) {
            progress.step("(b) offered %.0f%% of its maximum (%.0f/s), one hot SKU".formatted(100 * fraction,
                    fraction * maximum), run);
            try (var db = new BenchmarkDatabase(Databases.fresh(), Workload.HOT, 8, true)) {
                report.load.add(OpenLoop.run(db, Workload.HOT, fraction * maximum, run, Strategy.DEFAULT_BATCH));
            }
        }
        report.maximum = maximum;

        progress.step("starting PostgreSQL, a Kafka broker and stocklock (java -jar) as processes", Duration.ZERO);
        try (IntakeBenchmark intake = new IntakeBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            progress.step("Kafka intake: warming the service up (not measured)", Duration.ZERO);
            intake.kafkaIntake(kafkaRequests);
            progress.step("Kafka intake: " + kafkaRequests + " requests for one hot SKU", Duration.ZERO);
            report.kafka = intake.kafkaIntake(kafkaRequests);
            report.kafkaRates.addAll(IntakeRun.kafkaAtRates(intake, report.kafka, run, progress));
            progress.step("HTTP intake: warming up (not measured)", httpRun);
            intake.httpIntake(HTTP_CALLERS[0], httpRun);
            for (int callers : HTTP_CALLERS) {
                progress.step("HTTP intake: POST /reservations from " + callers + " callers", httpRun);
                report.http.add(intake.httpIntake(callers, httpRun));
            }
        }
        progress.step("JMH: the allocation of one batch, in memory", Duration.ofSeconds(30));
        report.jmh = jmh();

        String text = report.markdown();
        System.out.println(text);
        if (options.docs().isPresent()) {
            Path docs = options.docs().get();
            report.plots(Files.createDirectories(docs.resolve("benchmarks")));
            // the sections written by runs of their own (the Kafka drain, the flash sale) are kept
            Path benchmarks = docs.resolve("benchmarks.md");
            String earlier = Files.exists(benchmarks) ? Files.readString(benchmarks) : "";
            StringBuilder page = new StringBuilder(text);
            PageSection.ALL.stream().map(section -> section.in(earlier)).filter(kept -> !kept.isEmpty())
                    .forEach(kept -> page.append("\n").append(kept).append("\n"));
            Files.writeString(benchmarks, page.toString());
            System.out.println("wrote " + docs.resolve("benchmarks.md").toAbsolutePath().normalize());
        }
    }

    /** Microseconds to decide one batch in memory, by batch size, for requests of one line on one SKU. */
    private static Map<String, Double> jmh() throws Exception {
        var options = new OptionsBuilder().include(AllocationBenchmark.class.getName())
                .param("locations", "1")
                .param("multiLinePercent", "0")
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .build();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : new Runner(options).run()) {
            scores.put(result.getParams().getParam("batchSize"), result.getPrimaryResult().getScore());
        }
        return scores;
    }
}
