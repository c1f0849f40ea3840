package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The options of {@code bash scripts/benchmark.sh} ({@code name=value}), parsed once. Defaults are those of the
 * published runs; each entry reads the ones it needs.
 *
 * @param only          which benchmark: {@code door}, {@code drain}, {@code http}, {@code intake}, {@code kafka},
 *                      {@code use-case}, or empty for the whole run (or {@code probe})
 * @param seconds       per measurement of the use case directly
 * @param clients       of the per-request strategies
 * @param kafkaRequests queued for the Kafka intake
 * @param httpSeconds   per measurement over HTTP
 * @param durable       PostgreSQL flushes every commit, as in production
 * @param setup         what the service processes are started with
 * @param jdbc          measure the use case on this PostgreSQL ({@code jdbc-url}, {@code jdbc-user},
 *                      {@code jdbc-password}) instead of the embedded one
 * @param docs          where {@code docs=true} writes the pages ({@code docs-dir}, ../docs by default)
 * @param skus          the workloads of the door, the drain or a probe, each its own names
 * @param importSkus    SKUs of the catalogue {@code only=import} imports
 * @param latency       the door's latency against offered load and its mixed load too ({@code latency=false}: only
 *                      the throughput rounds, for a quick comparison)
 */
record BenchmarkOptions(String only, Duration seconds, int clients, int kafkaRequests, Duration httpSeconds,
                        boolean durable, Optional<String> serviceJvm, Optional<String> serviceMemory,
                        ServiceSetup setup, Optional<List<String>> jdbc, int rounds, Duration wrkSeconds,
                        int connections, Optional<List<HttpBenchmark.Target>> targets, Optional<String> skus,
                        boolean twoInstances, Optional<Path> docs, int drainRequests, Duration pgbenchSeconds,
                        int[] batchSizes, List<HttpBenchmark.Target> probe, double[] rates, List<Workload> workloads,
                        List<Strategy> strategies, int importSkus, boolean latency) {

    /**
     * The heap and collector of the services a benchmark starts, unless {@code service-memory=} says otherwise: the
     * collector the container image runs with (the JVM's default on two cores, G1) and a heap that does not grow
     * while it is measured. The fault suite's small heap with the serial collector paused the service for full
     * collections of 120-180 ms in the middle of a latency measurement.
     */
    static final String SERVICE_MEMORY = "-Xms1g -Xmx1g -XX:+UseG1GC";

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> given = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(arg -> arg.contains("="))
                .map(arg -> arg.replaceFirst("^--", "").split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        Function<String, Optional<String>> option = name -> Optional.ofNullable(given.get(name));
        String settings = given.getOrDefault("service-settings", "");
        return new BenchmarkOptions(
                given.getOrDefault("only", ""),
                seconds(given.getOrDefault("seconds", "10")),
                Integer.parseInt(given.getOrDefault("clients", "32")),
                Integer.parseInt(given.getOrDefault("kafka-requests", "100000")),
                seconds(given.getOrDefault("http-seconds", "10")),
                Boolean.parseBoolean(given.getOrDefault("durable", "true")),
                // several options separated by |, as the arguments are split at spaces
                option.apply("service-jvm").map(jvm -> jvm.replace("|", " ")),
                option.apply("service-memory").map(memory -> memory.replace("|", " ")),
                // Spring Boot settings of both stocklock and the reference service, name=value|name=value
                new ServiceSetup(settings.isBlank() ? List.of()
                        : Arrays.stream(settings.split("\\|")).map(setting -> "--" + setting).toList(),
                        Integer.parseInt(given.getOrDefault("hot-locations", "1"))),
                option.apply("jdbc-url").map(url -> List.of(url, given.getOrDefault("jdbc-user", "postgres"),
                        given.getOrDefault("jdbc-password", ""))),
                Integer.parseInt(given.getOrDefault("rounds", given.getOrDefault("only", "").equals("drain")
                        ? "3" : "5")),
                seconds(given.getOrDefault("wrk-seconds", "15")),
                Integer.parseInt(given.getOrDefault("connections", "64")),
                option.apply("targets").map(names -> list(names, HttpBenchmark.Target::valueOf)),
                option.apply("skus"),
                Boolean.parseBoolean(given.getOrDefault("two-instances", "true")),
                Boolean.parseBoolean(given.getOrDefault("docs", "false"))
                        ? Optional.of(Path.of(given.getOrDefault("docs-dir", "../docs"))) : Optional.empty(),
                Integer.parseInt(given.getOrDefault("drain-requests", "50000")),
                seconds(given.getOrDefault("pgbench-seconds", "20")),
                Arrays.stream(given.getOrDefault("batch-sizes", "50,100,250,500,1000").split(","))
                        .filter(size -> !size.isBlank()).mapToInt(Integer::parseInt).toArray(),
                list(given.getOrDefault("probe", ""), HttpBenchmark.Target::valueOf),
                Arrays.stream(given.getOrDefault("rate", "1000").split(",")).mapToDouble(Double::parseDouble)
                        .toArray(),
                list(given.getOrDefault("workloads", "HOT,UNIFORM,ZIPF,MULTI_LINE"), Workload::valueOf),
                list(given.getOrDefault("strategies", Arrays.stream(Strategy.values()).map(Strategy::name)
                        .collect(Collectors.joining(","))), Strategy::valueOf),
                Integer.parseInt(given.getOrDefault("import-skus", "100000")),
                Boolean.parseBoolean(given.getOrDefault("latency", "true")));
    }

    /**
     * The switches of the processes test-support starts (PostgreSQL's durability, the service's JVM options and
     * memory) are system properties of this JVM: set here, once.
     */
    void applyToProcesses() {
        System.setProperty(TestPostgres.DURABLE, Boolean.toString(durable));
        serviceJvm.ifPresent(jvm -> System.setProperty("stocklock.jvm-options", jvm));
        System.setProperty("stocklock.service-memory", serviceMemory.orElse(SERVICE_MEMORY));
        jdbc.ifPresent(target -> Databases.use(target.get(0), target.get(1), target.get(2)));
    }

    <T extends Enum<T>> List<T> skus(String defaults, Function<String, T> parse) {
        return list(skus.orElse(defaults), parse);
    }

    private static <T> List<T> list(String names, Function<String, T> parse) {
        return Arrays.stream(names.split(",")).filter(name -> !name.isBlank()).map(parse).toList();
    }

    private static Duration seconds(String seconds) {
        return Duration.ofSeconds(Long.parseLong(seconds));
    }
}
