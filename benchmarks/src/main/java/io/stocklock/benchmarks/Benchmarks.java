package io.stocklock.benchmarks;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.benchmarks.DatabaseBenchmark.Row;
import io.stocklock.benchmarks.IntakeBenchmark.HttpResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaRateResult;
import io.stocklock.benchmarks.IntakeBenchmark.KafkaResult;
import io.stocklock.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark, one command ({@code bash scripts/benchmark.sh}): the use case directly (four strategies, four
 * workloads, synchronous commit on and off), stocklock's batch size swept, its latency against offered load, where a
 * batch spends its time, the Kafka and HTTP intakes of a running service, and the JMH benchmark of the allocation. It
 * prints the tables and, with {@code docs=true}, writes docs/benchmarks.md and its plots.
 *
 * <p>Options ({@code name=value}): {@code seconds} per run (10), {@code clients} for the per-request strategies (32),
 * {@code kafka-requests} (100000), {@code http-seconds} (10), {@code docs} (false), {@code durable} (true: PostgreSQL
 * flushes every commit, as in production), {@code only=intake} (the Kafka and HTTP intakes alone), {@code only=use-case} (the strategies and a batch's
 * time alone), {@code workloads} (HOT,UNIFORM,ZIPF,MULTI_LINE) and {@code strategies} (all) for it, {@code jdbc-url}, {@code jdbc-user},
 * {@code jdbc-password} (measure the use case on that PostgreSQL instead of the embedded one: its {@code public}
 * schema is dropped before every measurement).
 */
public final class Benchmarks {

    static final int[] BATCH_SIZES = {1, 10, 50, 100, 250, 500, 1000};
    static final double[] LOAD_FRACTIONS = {0.1, 0.25, 0.5, 0.8, 0.95};
    static final double[] KAFKA_LOAD_FRACTIONS = {0.5, 0.8};
    static final int[] HTTP_CALLERS = {16, 64};

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(arg -> arg.contains("="))
                .map(arg -> arg.replaceFirst("^--", "").split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        Duration run = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        Duration shortRun = Duration.ofSeconds(Math.max(3, run.toSeconds() / 2));
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        int kafkaRequests = Integer.parseInt(options.getOrDefault("kafka-requests", "100000"));
        Duration httpRun = Duration.ofSeconds(Long.parseLong(options.getOrDefault("http-seconds", "10")));
        System.setProperty(TestPostgres.DURABLE, options.getOrDefault("durable", "true"));
        if (options.containsKey("service-jvm")) {
            // several options separated by |, as the arguments are split at spaces
            System.setProperty("stocklock.jvm-options", options.get("service-jvm").replace("|", " "));
        }
        if (options.containsKey("service-memory")) {
            System.setProperty("stocklock.service-memory", options.get("service-memory").replace("|", " "));
        }
        if (options.containsKey("service-settings")) {
            // Spring Boot settings of both stocklock and the reference service, name=value|name=value
            System.setProperty(HttpBenchmark.SERVICE_SETTINGS, options.get("service-settings"));
        }
        if (options.containsKey("hot-locations")) {
            System.setProperty(HotStock.LOCATIONS, options.get("hot-locations"));
        }
        if (options.containsKey("jdbc-url")) {
            Databases.use(options.get("jdbc-url"), options.getOrDefault("jdbc-user", "postgres"),
                    options.getOrDefault("jdbc-password", ""));
        }

        if (options.getOrDefault("only", "").equals("kafka")) {
            kafkaOnly(kafkaRequests);
        }
        if (options.getOrDefault("only", "").equals("intake")) {
            intakeOnly(kafkaRequests, httpRun);
            return;
        }
        if (options.getOrDefault("only", "").equals("door")) {
            doorOnly(Integer.parseInt(options.getOrDefault("rounds", "5")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("wrk-seconds", "15"))),
                    Integer.parseInt(options.getOrDefault("connections", "64")),
                    options.containsKey("targets") ? Arrays.stream(options.get("targets").split(","))
                            .map(HttpBenchmark.Target::valueOf).toList() : DoorSideBySide.TARGETS,
                    Arrays.stream(options.getOrDefault("skus", "HOT_SKU,UNIFORM").split(","))
                            .map(HttpBenchmark.Skus::valueOf).toList(),
                    Boolean.parseBoolean(options.getOrDefault("two-instances", "true")),
                    Boolean.parseBoolean(options.getOrDefault("docs", "false"))
                            ? Optional.of(Path.of(options.getOrDefault("docs-dir", "../docs"))) : Optional.empty());
            return;
        }
        if (options.getOrDefault("only", "").equals("drain")) {
            drainOnly(Integer.parseInt(options.getOrDefault("drain-requests", "50000")),
                    Arrays.stream(options.getOrDefault("skus", "HOT,UNIFORM,ZIPF").split(","))
                            .map(DrainSideBySide.Skus::valueOf).toList(),
                    Integer.parseInt(options.getOrDefault("rounds", "3")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("pgbench-seconds", "20"))),
                    Arrays.stream(options.getOrDefault("batch-sizes", "50,100,250,500,1000").split(","))
                            .filter(size -> !size.isBlank()).mapToInt(Integer::parseInt).toArray(),
                    Boolean.parseBoolean(options.getOrDefault("docs", "false"))
                            ? Optional.of(Path.of(options.getOrDefault("docs-dir", "../docs"))) : Optional.empty());
            return;
        }
        if (options.getOrDefault("only", "").equals("http")) {
            httpOnly(httpRun, Boolean.parseBoolean(options.getOrDefault("docs", "false"))
                    ? Optional.of(Path.of(options.getOrDefault("docs-dir", "../docs"))) : Optional.empty());
            return;
        }
        if (options.containsKey("probe")) {
            probe(Arrays.stream(options.get("probe").split(",")).map(HttpBenchmark.Target::valueOf).toList(),
                    HttpBenchmark.Skus.valueOf(options.getOrDefault("skus", "HOT_SKU")),
                    Arrays.stream(options.getOrDefault("rate", "1000").split(",")).mapToDouble(Double::parseDouble)
                            .toArray(), httpRun);
            return;
        }
        List<Workload> workloads = Arrays.stream(options.getOrDefault("workloads", "HOT,UNIFORM,ZIPF,MULTI_LINE")
                .split(",")).map(Workload::valueOf).toList();
        if (options.getOrDefault("only", "").equals("use-case")) {
            useCaseOnly(workloads, Arrays.stream(options.getOrDefault("strategies", String.join(",",
                    Arrays.stream(Strategy.values()).map(Strategy::name).toList())).split(","))
                    .map(Strategy::valueOf).toList(), run, clients);
            return;
        }
        Progress progress = new Progress(DatabaseBenchmark.count(workloads, List.of(Strategy.values())) * 2 + BATCH_SIZES.length + 1
                + LOAD_FRACTIONS.length + 3 + KAFKA_LOAD_FRACTIONS.length + HTTP_CALLERS.length + 2);
        Report report = new Report(run, clients);

        report.rows = DatabaseBenchmark.run(workloads, List.of(Strategy.values()), run, clients, progress);
        System.out.println(DatabaseBenchmark.table(report.rows));

        for (int size : BATCH_SIZES) {
            progress.step("(b) with batch size " + size + ", one hot SKU", shortRun);
            try (var db = new BenchmarkDatabase(Databases.fresh(), Workload.HOT, 8, true)) {
                report.batchSizes.add(Strategy.batched(db, Workload.HOT, shortRun, size));
            }
        }
        progress.step("(b) with its ports timed, one hot SKU", shortRun);
        report.batchTime = batchTime(shortRun);
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
        try (IntakeBenchmark intake = new IntakeBenchmark(serviceDirectory())) {
            progress.step("Kafka intake: warming the service up (not measured)", Duration.ZERO);
            intake.kafkaIntake(kafkaRequests);
            progress.step("Kafka intake: " + kafkaRequests + " requests for one hot SKU", Duration.ZERO);
            report.kafka = intake.kafkaIntake(kafkaRequests);
            report.kafkaRates.addAll(kafkaAtRates(intake, report.kafka, run, progress));
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
        if (Boolean.parseBoolean(options.getOrDefault("docs", "false"))) {
            Path docs = Path.of(options.getOrDefault("docs-dir", "../docs"));
            report.plots(Files.createDirectories(docs.resolve("benchmarks")));
            // the Kafka drain's section is written by its own run (only=drain) and kept
            Path benchmarks = docs.resolve("benchmarks.md");
            String drain = Files.exists(benchmarks) ? DrainSideBySide.section(Files.readString(benchmarks)) : "";
            Files.writeString(benchmarks, drain.isEmpty() ? text : text + "\n" + drain + "\n");
            System.out.println("wrote " + docs.resolve("benchmarks.md").toAbsolutePath().normalize());
        }
        System.exit(0); // the embedded PostgreSQL's shutdown hook stops it
    }

    /** Milliseconds per batch of (b) in each port of the use case, on one hot SKU. */
    private static Map<String, Double> batchTime(Duration run) throws Exception {
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

    /** {@code only=use-case}: the strategies on the {@code workloads} given and where a batch's time goes. */
    private static void useCaseOnly(List<Workload> workloads, List<Strategy> strategies, Duration run, int clients)
            throws Exception {
        Progress progress = new Progress(DatabaseBenchmark.count(workloads, strategies) * 2 + 1);
        System.out.println(DatabaseBenchmark.table(DatabaseBenchmark.run(workloads, strategies, run, clients,
                progress)));
        progress.step("(b) with its ports timed, one hot SKU", run);
        batchTime(run).forEach((step, millis) -> System.out.printf(Locale.ROOT, "%-50s %8.2f ms per batch%n", step,
                millis));
        System.exit(0);
    }

    /** A new directory for the data and logs of the processes of one run. */
    private static Path serviceDirectory() throws java.io.IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "benchmark-service")), "run-");
    }

    /**
     * {@code only=door}: requests per second side by side, driven by wrk: the per-request endpoint, stocklock waiting
     * and 202, a bare group commit and the no-op, with one and two stocklock instances; then the invariants.
     */
    private static void doorOnly(int rounds, Duration seconds, int connections, List<HttpBenchmark.Target> targets,
                                 List<HttpBenchmark.Skus> skus, boolean twoInstances, Optional<Path> docs)
            throws Exception {
        List<HttpBenchmark.Target> curves = skus.contains(HttpBenchmark.Skus.HOT_SKU)
                ? DoorSideBySide.CURVES.stream().filter(targets::contains).toList() : List.of();
        boolean mixed = targets.contains(HttpBenchmark.Target.STOCKLOCK_WAIT)
                && skus.contains(HttpBenchmark.Skus.UNIFORM) && skus.contains(HttpBenchmark.Skus.HOT_SKU);
        Progress progress = new Progress(1 + targets.size() * (1 + skus.size() * rounds)
                + (twoInstances ? 1 + 3 * skus.size() * rounds : 0)
                + curves.size() * DoorSideBySide.LOAD_FRACTIONS.length + (mixed ? 2 : 0));
        progress.step("starting PostgreSQL, a Kafka broker, stocklock and the reference service as processes",
                Duration.ZERO);
        try (HttpBenchmark bench = new HttpBenchmark(serviceDirectory())) {
            var door = new DoorSideBySide(bench, seconds, connections, targets, skus, twoInstances);
            List<DoorSideBySide.Run> runs = door.all(rounds, progress);
            System.out.println(DoorSideBySide.table(runs));
            List<DoorSideBySide.Offered> curve = door.latencyAgainstLoad(runs, curves, progress);
            List<DoorSideBySide.Offered> mixing = mixed ? door.mixed(progress) : List.of();
            System.out.println(DoorSideBySide.latencyTable(curve));
            System.out.println(DoorSideBySide.mixedTable(mixing));
            System.out.println(DoorSideBySide.statuses(runs));
            List<String> violations = door.violations();
            System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            if (docs.isPresent()) {
                DoorSideBySide.plot(curve, docs.get().resolve("benchmarks-door-latency.png"));
                Files.writeString(docs.get().resolve("benchmarks-door.md"),
                        DoorSideBySide.markdown(runs, curve, mixing, violations, rounds, seconds, connections));
                System.out.println("wrote " + docs.get().resolve("benchmarks-door.md").toAbsolutePath().normalize());
            }
            System.out.println("processes' logs: " + bench.directory().toAbsolutePath());
        }
        System.exit(0);
    }

    /**
     * {@code only=drain}: the Kafka intake drained, beside pgbench running the per-request transaction on the same
     * server, for each workload in {@code rounds} rounds; then the invariants.
     */
    private static void drainOnly(int requests, List<DrainSideBySide.Skus> skus, int rounds, Duration pgbenchRun,
                                  int[] batchSizes, Optional<Path> docs) throws Exception {
        Progress progress = new Progress(1 + rounds * skus.size() + skus.size() * DrainSideBySide.LOAD_FRACTIONS.length
                + batchSizes.length);
        List<DrainSideBySide.Sized> sized = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (int size : batchSizes) {
            progress.step("batch size " + size + ": fresh processes, warm up, drain", Duration.ofSeconds(60));
            try (var fresh = new DrainSideBySide(serviceDirectory(), List.of("--stocklock.kafka.batch-size=" + size))) {
                fresh.warmUp(requests);
                sized.addAll(fresh.drains(size, List.of(DrainSideBySide.Skus.HOT, DrainSideBySide.Skus.UNIFORM),
                        requests));
                violations.addAll(fresh.violations());
            }
        }
        System.out.println(DrainSideBySide.batchSizeTable(sized));
        progress.step("fresh processes with the default settings; a drain to warm up", Duration.ZERO);
        try (var drains = new DrainSideBySide(serviceDirectory(), List.of())) {
            drains.warmUp(requests);
            List<DrainSideBySide.Drain> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (DrainSideBySide.Skus each : skus) {
                    progress.step("round %d: %,d requests, %s, then pgbench".formatted(round, requests, each.label),
                            pgbenchRun);
                    runs.add(drains.measure(each, requests, pgbenchRun));
                    System.out.println(DrainSideBySide.table(runs.subList(runs.size() - 1, runs.size())));
                }
            }
            System.out.println(DrainSideBySide.table(runs));
            List<DrainSideBySide.Offered> offered = new ArrayList<>();
            for (DrainSideBySide.Skus each : skus) {
                for (double fraction : DrainSideBySide.LOAD_FRACTIONS) {
                    double rate = fraction * runs.stream().filter(run -> run.skus() == each)
                            .mapToDouble(DrainSideBySide.Drain::perSecond).sorted().toArray()[rounds / 2];
                    progress.step("%,.0f requests/s offered, %s".formatted(rate, each.label), pgbenchRun);
                    offered.add(drains.offer(each, rate, fraction, pgbenchRun));
                }
            }
            System.out.println(DrainSideBySide.offeredTable(offered));
            violations.addAll(drains.violations());
            System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            if (docs.isPresent()) {
                DrainSideBySide.plot(sized, Files.createDirectories(docs.get().resolve("benchmarks"))
                        .resolve("drain-by-batch-size.png"));
                Path benchmarks = docs.get().resolve("benchmarks.md");
                Files.writeString(benchmarks, DrainSideBySide.withSection(Files.readString(benchmarks),
                        DrainSideBySide.markdown(runs, offered, sized, violations, requests, rounds, pgbenchRun)));
                System.out.println("wrote " + benchmarks.toAbsolutePath().normalize());
            }
        }
        System.exit(0);
    }

    /** {@code only=http}: stocklock over HTTP side by side with the per-request endpoint and the no-op ceiling. */
    private static void httpOnly(Duration httpRun, Optional<Path> docs) throws Exception {
        Progress progress = new Progress(60);
        progress.step("starting PostgreSQL, a Kafka broker, stocklock and the reference service as processes",
                Duration.ZERO);
        try (HttpBenchmark bench = new HttpBenchmark(serviceDirectory())) {
            List<HttpSideBySide.Sweep> sweeps = new HttpSideBySide(bench, httpRun, progress).all();
            System.out.println(HttpSideBySide.table(sweeps));
            System.out.println(HttpSideBySide.cpuTable(sweeps));
            System.out.println("Gatling reports: " + bench.directory().resolve("gatling").toAbsolutePath());
            if (docs.isPresent()) {
                HttpSideBySide.plot(sweeps, Files.createDirectories(docs.get().resolve("benchmarks"))
                        .resolve("http-latency-by-offered-load.png"));
                Files.writeString(docs.get().resolve("benchmarks-http.md"), HttpSideBySide.markdown(sweeps, httpRun));
                System.out.println("wrote " + docs.get().resolve("benchmarks-http.md").toAbsolutePath().normalize());
            }
        }
        System.exit(0);
    }

    /**
     * {@code probe=TARGET[,TARGET...] rate=N[,M...]}: each endpoint, warmed up as in the side by side, at one rate after
     * another on the same processes, for a look, a profile, or a quick ratio against a baseline in one run (the
     * processes inherit {@code -Dstocklock.jvm-options}).
     */
    private static void probe(List<HttpBenchmark.Target> targets, HttpBenchmark.Skus skus, double[] rates,
                              Duration run) throws Exception {
        try (HttpBenchmark bench = new HttpBenchmark(serviceDirectory())) {
            for (HttpBenchmark.Target target : targets) {
                bench.warmUp(target);
                for (double rate : rates) {
                    System.out.println(bench.run(target, skus, rate, run, false));
                }
            }
            System.out.println("processes' logs: " + bench.directory().toAbsolutePath());
        }
        System.exit(0);
    }

    /** The Kafka intake offered steady rates, fractions of what it decided with the topic full. */
    private static List<KafkaRateResult> kafkaAtRates(IntakeBenchmark intake, KafkaResult queued, Duration run,
                                                      Progress progress) throws Exception {
        List<KafkaRateResult> results = new ArrayList<>();
        for (double fraction : KAFKA_LOAD_FRACTIONS) {
            double rate = fraction * queued.decisionsPerSecond();
            progress.step("Kafka intake offered %.0f%% of its maximum (%.0f/s), one hot SKU".formatted(100 * fraction,
                    rate), run);
            results.add(intake.kafkaAtRate(rate, run));
        }
        return results;
    }

    /**
     * {@code only=kafka}: how fast the decision engine decides a topic full of requests for one hot SKU, alone; with
     * {@code hot-locations=N}, the SKU kept at N locations.
     */
    private static void kafkaOnly(int kafkaRequests) throws Exception {
        try (IntakeBenchmark intake = new IntakeBenchmark(serviceDirectory())) {
            intake.kafkaIntake(kafkaRequests / 10); // warm-up, not measured
            KafkaResult kafka = intake.kafkaIntake(kafkaRequests);
            System.out.printf(Locale.ROOT, "Kafka intake, hot SKU at %d location(s): %,d requests decided in %.1f s: "
                            + "%,.0f decisions/s%n", Integer.getInteger(HotStock.LOCATIONS, 1), kafka.requests(),
                    kafka.decidedSeconds(), kafka.decisionsPerSecond());
        }
        System.exit(0);
    }

    /** {@code only=intake}: the Kafka and HTTP intakes alone, for a quick look or a profile of the service. */
    private static void intakeOnly(int kafkaRequests, Duration httpRun) throws Exception {
        Progress progress = new Progress(3 + KAFKA_LOAD_FRACTIONS.length + HTTP_CALLERS.length);
        progress.step("starting PostgreSQL, a Kafka broker and stocklock (java -jar) as processes", Duration.ZERO);
        try (IntakeBenchmark intake = new IntakeBenchmark(serviceDirectory())) {
            progress.step("Kafka intake: " + kafkaRequests + " requests for one hot SKU", Duration.ZERO);
            KafkaResult kafka = intake.kafkaIntake(kafkaRequests);
            System.out.printf(Locale.ROOT, "Kafka intake: %,.0f decisions/s%n", kafka.decisionsPerSecond());
            for (KafkaRateResult rate : kafkaAtRates(intake, kafka, httpRun, progress)) {
                System.out.printf(Locale.ROOT, "Kafka intake at %,.0f/s: %,.0f decided/s, p50 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms%n", rate.offeredPerSecond(), rate.decidedPerSecond(), rate.latencyMillis(50),
                        rate.latencyMillis(99), rate.latencyMillis(99.9));
            }
            progress.step("HTTP intake: warming up (not measured)", httpRun);
            intake.httpIntake(HTTP_CALLERS[0], httpRun);
            for (int callers : HTTP_CALLERS) {
                progress.step("HTTP intake: POST /reservations from " + callers + " callers", httpRun);
                HttpResult http = intake.httpIntake(callers, httpRun);
                System.out.printf(Locale.ROOT, "HTTP intake, %d callers: %,.0f requests/s, p50 %.1f ms, p99 %.1f ms, "
                        + "CPU %.0f%%%n", callers, http.requestsPerSecond(), http.latencyMillis(50),
                        http.latencyMillis(99), 100 * http.cpuBusyCores() / Runtime.getRuntime().availableProcessors());
            }
        }
        System.exit(0);
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

    /** The figures of one run, as tables, plots and the text of docs/benchmarks.md. */
    static final class Report {

        final Duration run;
        final int clients;
        List<Row> rows;
        final List<Strategy.Result> batchSizes = new ArrayList<>();
        Map<String, Double> batchTime;
        final List<OpenLoop.Point> load = new ArrayList<>();
        double maximum;
        KafkaResult kafka;
        final List<KafkaRateResult> kafkaRates = new ArrayList<>();
        final List<HttpResult> http = new ArrayList<>();
        Map<String, Double> jmh;

        Report(Duration run, int clients) {
            this.run = run;
            this.clients = clients;
        }

        void plots(Path directory) throws Exception {
            new Plot("stocklock (b): decisions/s by batch size, one hot SKU, synchronous_commit on",
                    "batch size (requests per transaction)", "decisions/s", true)
                    .series("decisions/s", Arrays.stream(BATCH_SIZES).asDoubleStream().toArray(),
                            batchSizes.stream().mapToDouble(Strategy.Result::decisionsPerSecond).toArray())
                    .write(directory.resolve("throughput-by-batch-size.png"));
            double[] offered = load.stream().mapToDouble(OpenLoop.Point::offeredPerSecond).toArray();
            new Plot("stocklock (b): submit-to-decision latency by offered load, one hot SKU",
                    "offered load (requests/s)", "latency (ms)", false)
                    .series("p50", offered, load.stream().mapToDouble(point -> point.latencyMillis(50)).toArray())
                    .series("p99", offered, load.stream().mapToDouble(point -> point.latencyMillis(99)).toArray())
                    .series("p99.9", offered, load.stream().mapToDouble(point -> point.latencyMillis(99.9))
                            .toArray())
                    .write(directory.resolve("latency-by-offered-load.png"));
        }

        String markdown() {
            Row hotA = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.SEED_TRANSACTION);
            Row hotB = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.BATCHED_LOCK);
            Row hotPgbench = DatabaseBenchmark.find(rows, Workload.HOT, Strategy.PGBENCH);
            double vsA = hotB.on().decisionsPerSecond() / hotA.on().decisionsPerSecond();
            double vsPgbench = hotB.on().decisionsPerSecond() / hotPgbench.on().decisionsPerSecond();
            OpenLoop.Point at80 = load.stream().filter(point -> Math.abs(point.offeredPerSecond() - 0.8 * maximum) < 1)
                    .findFirst().orElseThrow();
            KafkaRateResult kafkaAt80 = kafkaRates.get(kafkaRates.size() - 1);
            double kafkaShare = kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond();
            long oversold = rows.stream().mapToLong(row -> row.on().oversold() + row.off().oversold()).sum()
                    + batchSizes.stream().mapToLong(Strategy.Result::oversold).sum();
            StringBuilder md = new StringBuilder();
            md.append("""
                    # Benchmarks

                    ```bash
                    bash scripts/benchmark.sh                 # prints the tables (about 25 minutes)
                    bash scripts/benchmark.sh docs=true       # and writes this page and its plots
                    bash scripts/benchmark.sh seconds=3 kafka-requests=20000 http-seconds=5   # a quicker look
                    ```

                    Requests per second over HTTP, driven by wrk, for one and two instances, with a bare group commit as
                    reference: [benchmarks-door.md](benchmarks-door.md) (`bash scripts/benchmark.sh only=door`).
                    Buyers over HTTP, stocklock side by side with the per-request `FOR UPDATE` endpoint a team would
                    write instead and the no-op ceiling of that stack, in an open loop: [benchmarks-http.md](benchmarks-http.md)
                    (`bash scripts/benchmark.sh only=http`). Load-test your own installation with the same simulation:
                    `bash scripts/load-test.sh base-url=... token=... sku=... rate=...`.

                    This page was written by that command (`docs=true`) from one run on %s: %d cores, %s, JDK %s,
                    PostgreSQL 17 from the embedded binaries with `fsync` and `synchronous_commit` on (every commit
                    waits for its WAL flush, as in production), %d s per measurement. The benchmark, PostgreSQL and,
                    for the intake figures, Kafka and the service share the machine's cores; the CPU columns are
                    the whole machine's.

                    """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(), memory(),
                    System.getProperty("java.version"), run.toSeconds()));

            md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
            target(md, "hot SKU, sync on: (b) >= 10x (a) (stretch 20x)",
                    "%.1fx (%,.0f against %,.0f decisions/s); %.1fx pgbench running (a)'s SQL (%,.0f/s)".formatted(vsA,
                            hotB.on().decisionsPerSecond(), hotA.on().decisionsPerSecond(), vsPgbench,
                            hotPgbench.on().decisionsPerSecond()), vsA >= 10);
            for (Workload workload : List.of(Workload.UNIFORM, Workload.ZIPF)) {
                double ratio = DatabaseBenchmark.find(rows, workload, Strategy.BATCHED_LOCK).on().decisionsPerSecond()
                        / DatabaseBenchmark.baseline(rows, workload).on().decisionsPerSecond();
                target(md, workload.label + ", sync on: (b) >= 10x (a)", "%.1fx".formatted(ratio), ratio >= 10);
            }
            target(md, "WAL flushes per decision of (b) <= 0.01", "%.4f".formatted(hotB.on().walSyncsPerDecision()),
                    hotB.on().walSyncsPerDecision() <= 0.01);
            target(md, "Kafka intake, records queued, one hot SKU: >= 80% of (b)", "%.0f%% (%,.0f decisions/s)"
                    .formatted(100 * kafkaShare, kafka.decisionsPerSecond()), kafkaShare >= 0.8);
            target(md, "(b): p99 submit-to-decision <= 20 ms at 80% of its maximum", "%.1f ms at %,.0f requests/s"
                    .formatted(at80.latencyMillis(99), at80.offeredPerSecond()), at80.latencyMillis(99) <= 20);
            target(md, "Kafka intake: p99 submit-to-outcome-event <= 20 ms at 80% of its maximum",
                    "%.1f ms at %,.0f requests/s".formatted(kafkaAt80.latencyMillis(99), kafkaAt80.offeredPerSecond()),
                    kafkaAt80.latencyMillis(99) <= 20);
            target(md, "0 oversold, every run", "%d".formatted(oversold), oversold == 0);

            md.append(limits(hotB, at80));
            md.append("""

                    ## The use case directly: six ways, four workloads

                    - (a) the per-request transaction a team would write instead of stocklock: `SELECT ... FOR UPDATE`
                      of the request's SKUs, check, `UPDATE inventory`, `INSERT` the request row with its status (its
                      lines in the same statement), `COMMIT`; from %1$d clients. Every ratio is against this row;
                    - (a) run by pgbench: the same SQL from PostgreSQL's own load generator, a process of its own
                      with %1$d clients (`--protocol=prepared`); not on the multi-line workload (a pgbench script has
                      no loops), Zipf with s=1.001 (pgbench's smallest);
                    - stocklock's use case with one request per transaction, from %1$d clients: all of stocklock's
                      bookkeeping (the reservation and its lines, the ledger) for every request, what batching
                      saves;
                    - (b) stocklock as deployed: one consumer deciding batches of %2$d, each in one transaction
                      that locks its SKUs with one sorted `SELECT ... FOR UPDATE` (a hot SKU lives on one
                      partition, so one consumer decides all of its requests), with the default limits: each
                      decision reads and updates what its buyers hold of its SKUs, for the cap of 1,000 units of a
                      SKU per buyer ([ADR 10](adr/0010-strict-input-and-limits-per-owner.md)). The consumer
                      publishes the batch's outcome events to Kafka after the commit; that is not part of this row
                      (there is no broker here), the Kafka intake below includes it;
                    - (c) a conditional `UPDATE inventory SET reserved = reserved + q WHERE on_hand - reserved >= q`
                      per line, all or nothing, then (a)'s `INSERT`, from %1$d clients;
                    - (d) optimistic: read the version, `UPDATE ... WHERE version = ?`, retry the request on a
                      conflict, then (a)'s `INSERT`, from %1$d clients.

                    stocklock's rows take the requests of 1,000 buyers, chosen at random, each held for 10 minutes.
                    Latency is from the start of the transaction deciding a request to its commit (for (b), every
                    request of a batch waits as long as its batch; queueing before that is in the next sections).
                    `x (a)` compares with (a) on the same workload. `oversold` counts SKUs that broke an invariant
                    after the run, with synchronous commit on and off (for the rows that keep stocklock's ledger,
                    the ledger is checked too).

                    | workload | strategy | decisions/s | x (a) | p50 ms | p99 ms | p99.9 ms | WAL flushes / decision | CPU %% | CPU µs / decision | retries | decisions/s, sync off | oversold |
                    |---|---|---|---|---|---|---|---|---|---|---|---|---|
                    """.formatted(clients, Strategy.DEFAULT_BATCH));
            for (Row row : rows) {
                Strategy.Result on = row.on();
                md.append("| %s | %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.4f | %.0f | %,.0f | %,d | %,.0f | %d |\n"
                        .formatted(row.workload().label, row.strategy().label, on.decisionsPerSecond(),
                                on.decisionsPerSecond() / DatabaseBenchmark.baseline(rows, row.workload()).on()
                                        .decisionsPerSecond(),
                                on.latencyMillis(50), on.latencyMillis(99), on.latencyMillis(99.9),
                                on.walSyncsPerDecision(),
                                100 * on.cpuBusyCores() / Runtime.getRuntime().availableProcessors(),
                                on.cpuMicrosPerDecision(), on.retries(), row.off().decisionsPerSecond(),
                                on.oversold() + row.off().oversold()));
            }

            md.append("""

                    ## Batch size

                    (b) on one hot SKU, one consumer, batches of the given size back to back, synchronous commit on.
                    Batch size 1 is (a) with one client instead of %d.

                    ![decisions/s by batch size](benchmarks/throughput-by-batch-size.png)

                    | batch size | decisions/s | p50 ms | p99 ms | WAL flushes / decision |
                    |---|---|---|---|---|
                    """.formatted(clients));
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                Strategy.Result result = batchSizes.get(i);
                md.append("| %d | %,.0f | %.1f | %.1f | %.4f |\n".formatted(BATCH_SIZES[i], result.decisionsPerSecond(),
                        result.latencyMillis(50), result.latencyMillis(99), result.walSyncsPerDecision()));
            }

            md.append("""

                    ## Latency against offered load

                    (b) on one hot SKU, requests arriving at a steady rate (an open loop: a slow batch makes the
                    next requests queue, as it would for real buyers), the consumer deciding whatever has arrived,
                    up to %d at a time. Latency is from a request's arrival to the commit of its batch. The maximum
                    is (b)'s throughput in the table above: %,.0f decisions/s.

                    ![latency by offered load](benchmarks/latency-by-offered-load.png)

                    | offered | of the maximum | decided / s | p50 ms | p99 ms | p99.9 ms |
                    |---|---|---|---|---|---|
                    """.formatted(Strategy.DEFAULT_BATCH, maximum));
            for (OpenLoop.Point point : load) {
                md.append("| %,.0f/s | %.0f%% | %,.0f | %.1f | %.1f | %.1f |\n".formatted(point.offeredPerSecond(),
                        100 * point.offeredPerSecond() / maximum, point.decidedPerSecond(), point.latencyMillis(50),
                        point.latencyMillis(99), point.latencyMillis(99.9)));
            }

            md.append("""

                    ## Where a batch's time goes

                    (b) on one hot SKU, batches of %d, each port of the use case timed (milliseconds per batch).
                    The transaction wraps the others: what it takes beyond them is the commit, with its WAL flush.

                    | step | ms per batch | share |
                    |---|---|---|
                    """.formatted(Strategy.DEFAULT_BATCH));
            double total = batchTime.values().stream().mapToDouble(Double::doubleValue).sum();
            batchTime.forEach((step, millis) -> md.append("| %s | %.2f | %.0f%% |\n".formatted(step, millis,
                    100 * millis / total)));
            md.append("| whole batch | %.2f | |\n".formatted(total));

            md.append("""

                    ## Three entry points

                    The use case directly is (b) above. For the other two, stocklock runs as in production (`java
                    -jar`, its own process, default settings) against a PostgreSQL and a Kafka broker that are
                    processes of their own; the load comes from the benchmark's JVM.

                    - Kafka intake, queued: %,d requests for one hot SKU written to the request topic as fast as one
                      producer can (it took %.1f s), then decided by the service's one consumer of that partition;
                      measured from the first record sent until the consumer group had committed the last. The
                      consumer publishes each batch's outcome events (acknowledged by the broker) before it
                      commits the batch's offsets.
                    - Kafka intake, open loop: requests written at a steady rate (a fraction of the queued
                      throughput) whether or not earlier ones were decided, each timed from when it was due to be
                      sent until its outcome event was read back from the events topic.
                    - HTTP intake: callers sending `POST /reservations` back to back (HTTP/1.1, keep-alive), each
                      answered 202 once the request topic has the request; latency is the caller's.

                    | entry point | load | throughput | p50 ms | p99 ms | p99.9 ms | CPU %% |
                    |---|---|---|---|---|---|---|
                    | use case directly, (b) | batches of %d back to back | %,.0f decisions/s | %.1f | %.1f | %.1f | %.0f |
                    | Kafka intake | %,d records queued | %,.0f decisions/s (%.0f%% of (b)) | | | | |
                    """.formatted(kafka.requests(), kafka.producedSeconds(), Strategy.DEFAULT_BATCH,
                    hotB.on().decisionsPerSecond(), hotB.on().latencyMillis(50), hotB.on().latencyMillis(99),
                    hotB.on().latencyMillis(99.9),
                    100 * hotB.on().cpuBusyCores() / Runtime.getRuntime().availableProcessors(), kafka.requests(),
                    kafka.decisionsPerSecond(), 100 * kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond()));
            for (KafkaRateResult rate : kafkaRates) {
                md.append("| Kafka intake | %,.0f/s offered (%.0f%% of queued) | %,.0f decided/s | %.1f | %.1f | %.1f | |\n"
                        .formatted(rate.offeredPerSecond(), 100 * rate.offeredPerSecond() / kafka.decisionsPerSecond(),
                                rate.decidedPerSecond(), rate.latencyMillis(50), rate.latencyMillis(99),
                                rate.latencyMillis(99.9)));
            }
            for (HttpResult result : http) {
                md.append("| HTTP intake | %d callers | %,.0f requests/s (%d errors) | %.1f | %.1f | %.1f | %.0f |\n"
                        .formatted(result.callers(), result.requestsPerSecond(), result.errors(),
                                result.latencyMillis(50), result.latencyMillis(99), result.latencyMillis(99.9),
                                100 * result.cpuBusyCores() / Runtime.getRuntime().availableProcessors()));
            }

            md.append("""

                    ## The allocation alone (JMH)

                    Deciding a batch in memory (`Allocation.decide`, requests of one unit on one SKU), average
                    time per batch; the JMH class is `AllocationBenchmark` (`mvn -pl benchmarks exec:exec
                    -Dbenchmark.main=io.stocklock.benchmarks.Jmh` runs all its parameters).

                    | batch size | µs per batch |
                    |---|---|
                    """);
            jmh.forEach((size, micros) -> md.append("| %s | %.2f |\n".formatted(size, micros)));
            md.append(Notes.TEXT);
            return md.toString();
        }

        /** What the figures of this run say about the targets missed. */
        private String limits(Row hotB, OpenLoop.Point at80) {
            StringBuilder text = new StringBuilder("\n");
            int fastest = -1;
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                if (batchSizes.get(i).latencyMillis(99) <= 20) {
                    fastest = i;
                }
            }
            if (at80.latencyMillis(99) > 20 && fastest >= 0) {
                Strategy.Result result = batchSizes.get(fastest);
                text.append(("- p99: a request waits at least for the batch it is in. The largest batch size whose "
                        + "batches commit within 20 ms at p99 is %d (%.1f ms), deciding %,.0f/s, %.0f%% of the "
                        + "maximum; at 80%% of the maximum the consumer needs larger batches, and requests queue "
                        + "behind the batch being decided.\n").formatted(BATCH_SIZES[fastest],
                        result.latencyMillis(99), result.decisionsPerSecond(),
                        100 * result.decisionsPerSecond() / maximum));
            }
            if (kafka.decisionsPerSecond() < 0.8 * hotB.on().decisionsPerSecond()) {
                text.append(("- Kafka intake: %,.0f decisions/s is %.0f%% of (b) (%,.0f/s). Per batch, the consumer adds "
                        + "to (b)'s transaction the fetch and parsing of its records, the publication of its outcome "
                        + "events and the broker's acknowledgement, and the offset commit; the broker and the service "
                        + "share the cores with PostgreSQL.\n").formatted(kafka.decisionsPerSecond(),
                        100 * kafka.decisionsPerSecond() / hotB.on().decisionsPerSecond(),
                        hotB.on().decisionsPerSecond()));
            }
            return text.toString();
        }

        private static void target(StringBuilder md, String target, String measured, boolean met) {
            md.append("| %s | %s | %s |\n".formatted(target, measured, met ? "met" : "**missed**"));
        }

        private static String memory() {
            try {
                String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                return "%.0f GiB".formatted(kib / 1024.0 / 1024.0);
            } catch (Exception e) {
                return "unknown memory";
            }
        }
    }
}
