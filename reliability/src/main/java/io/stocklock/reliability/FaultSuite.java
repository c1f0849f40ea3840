package io.stocklock.reliability;

import io.stocklock.reliability.Checker.Verdict;
import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.FreezableProxy;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.Processes;
import io.stocklock.testsupport.process.ServiceInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One run: PostgreSQL, three Kafka brokers and two stocklock instances as processes of their own; clients reserving over
 * HTTP and Kafka while the nemesis injects faults one after another; then, once everything is healed and the service
 * has settled, the checker's verdict. Prints one line per run and appends it to {@code target/fault-suite/runs.md}.
 *
 * <p>Options ({@code name=value}): {@code requests} (at least this many client requests, default 3000), {@code faults}
 * (a count, cycling through every kind, or a comma-separated list of kinds), {@code http-clients} (8),
 * {@code kafka-rate} (requests/s written straight to the topic, 100), {@code hot-stock} (2000), {@code owner-cap}
 * (units of one SKU one owner may hold at once, 100: low enough that HTTP callers reach it on the hot SKU, so that
 * the cap decides part of every run), {@code partition-seconds} (how long a partition lasts, 90: longer than every
 * timeout the service sets, the JDBC driver's 75 s {@code socketTimeout} the longest).
 */
public final class FaultSuite {

    /** Short consumer timeouts, so that a dead or frozen instance loses its partitions within seconds. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    // (declared before the faults, which read them when their class is initialised)
    static final List<Fault> EVERY_KIND = List.of(Fault.KILL_INSTANCE, Fault.KILL_BROKER, Fault.POSTGRES_STOP,
            Fault.PAUSE_INSTANCE, Fault.POISON, Fault.KAFKA_DOWN, Fault.POSTGRES_TERMINATE, Fault.REBALANCE,
            Fault.PARTITION_POSTGRES, Fault.PARTITION_KAFKA, Fault.FAILOVER);
    /** The instances that reach PostgreSQL and the brokers through proxies of their own, which can be cut off. */
    private static final int PARTITIONABLE = 2;
    private static final Duration STEADY = Duration.ofSeconds(10);
    /**
     * How long an instance may take to start: a killed one starts again on a machine its peer, three brokers,
     * PostgreSQL and the clients keep busy, which took up to 3 minutes on two cores (40-80 s on others).
     */
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final List<String> INSTANCE_SETTINGS = List.of(
            "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000",
            "--spring.kafka.consumer.properties.max.poll.interval.ms=" + MAX_POLL_INTERVAL.toMillis(),
            "--stocklock.kafka.send-timeout=" + SEND_TIMEOUT.toSeconds() + "s",
            "--stocklock.background.stale-pending-after=10s",
            "--stocklock.background.stale-pending-period=2s",
            "--stocklock.background.invariant-check-period=10s");

    private final Options options;
    private final Path directory;
    /** The server that takes writes: after a failover, the promoted standby. */
    private volatile PostgresServer postgres;
    /** With {@link Fault#FAILOVER} in the run: the synchronous standby, until it is promoted. */
    private PostgresServer standby;
    private final KafkaCluster kafka;
    /** Per partitionable instance: its ways to PostgreSQL, one per server (the primary's, then the standby's). */
    private final List<List<FreezableProxy>> toPostgres = new ArrayList<>();
    private final List<ServiceInstance> instances = new CopyOnWriteArrayList<>();
    private final Checker checker;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String operator = TestTokens.bearer("fault-suite", TestTokens.ALL_SCOPES, Duration.ofHours(12),
            TestTokens.SECRET);
    private final List<FaultRecord> faults = new ArrayList<>();
    private int poisonSent;
    private int victims;

    FaultSuite(Options options) {
        this.options = options;
        this.directory = Processes.runDirectory(Path.of("target", "fault-suite"));
        this.postgres = new PostgresServer(directory);
        this.kafka = new KafkaCluster(directory, 3, PARTITIONABLE);
        this.checker = new Checker(() -> postgres, kafka);
    }

    public static void main(String[] args) {
        // the clients' Kafka producer reports every broker it cannot reach; the run's own lines are what matter
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Result result = new FaultSuite(Options.parse(args)).run();
        System.exit(result.verdict().passed() ? 0 : 1);
    }

    /** The summary line and the faults of a run. */
    record Result(Verdict verdict, List<FaultRecord> faults, String line) {
    }

    record FaultRecord(Fault fault, double at, double recoverySeconds, String detail) {
    }

    Result run() {
        log("run directory " + directory.toAbsolutePath());
        try {
            postgres.start();
            postgres.createDatabase();
            if (options.faults().contains(Fault.FAILOVER)) {
                standby = postgres.startSynchronousStandby();
            }
            kafka.start();
            log("PostgreSQL%s and 3 Kafka brokers started".formatted(standby == null ? "" : " with a synchronous standby"));
            startInstances(2);
            seedInventory();
            log("2 instances ready, inventory created; clients start");
            return load();
        } finally {
            instances.forEach(ServiceInstance::stop);
            toPostgres.forEach(proxies -> proxies.forEach(FreezableProxy::close));
            kafka.close();
            postgres.stop();
            if (standby != null) {
                standby.stop();
            }
        }
    }

    private Result load() {
        Set<String> sampled = new ConcurrentSkipListSet<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong samples = new AtomicLong();
        sampler.scheduleWithFixedDelay(() -> {
            List<String> violations = checker.sampleStock();
            if (violations != null) {
                samples.incrementAndGet();
                sampled.addAll(violations);
            }
        }, 0, 1, TimeUnit.SECONDS);
        Path historyFile = directory.resolve("history.jsonl");
        Verdict verdict;
        try (History history = new History(historyFile)) {
            Clients clients = new Clients(history, options.workload(), this::routedInstances, kafka.bootstrapServers());
            try {
                clients.start(options.httpClients(), options.kafkaRate());
                poisonSent += clients.poison();
                Processes.pause(STEADY);
                for (Fault fault : options.faults()) {
                    inject(fault, clients, history);
                    progress(history);
                    Processes.pause(STEADY);
                }
                while (history.invoked() < options.requests()) {
                    progress(history);
                    Processes.pause(Duration.ofSeconds(5));
                }
            } finally {
                clients.close();
            }
            log("clients stopped after %d requests; waiting for the service to settle".formatted(history.invoked()));
            checker.awaitQuiet(Duration.ofMinutes(5)).ifPresent(settle -> log(
                    "settled in %.1f s; %d invariant samples taken during the run".formatted(settle.toMillis() / 1e3,
                            samples.get())));
            sampler.shutdownNow();
            verdict = checker.check(history, poisonSent, sampled);
        }
        String line = summary(verdict);
        System.out.println(line);
        append(line, verdict);
        return new Result(verdict, List.copyOf(faults), line);
    }

    private void inject(Fault fault, Clients clients, History history) {
        double at = history.secondsSinceStart();
        log("fault " + fault.label());
        String detail = switch (fault) {
            case KILL_INSTANCE -> {
                ServiceInstance victim = victim();
                victim.kill();
                long killed = System.nanoTime();
                Processes.pause(Duration.ofSeconds(3));
                victim.start();
                victim.awaitReady(READY_WITHIN);
                yield "%s, ready %.1f s after the kill".formatted(victim.name(), (System.nanoTime() - killed) / 1e9);
            }
            case PAUSE_INSTANCE -> {
                ServiceInstance victim = victim();
                victim.freeze();
                Processes.pause(Fault.PAUSE);
                victim.thaw();
                yield victim.name() + " for " + Fault.PAUSE.toSeconds() + " s";
            }
            case KILL_BROKER -> {
                int leader = kafka.leaderOf(Clients.REQUESTS_TOPIC);
                kafka.kill(leader);
                Processes.pause(Duration.ofSeconds(10));
                kafka.start(leader);
                yield "leader node " + leader;
            }
            case KAFKA_DOWN -> {
                long before = history.count(History.Type.FAIL);
                kafka.kill(1);
                kafka.kill(2);
                Processes.pause(Fault.KAFKA_OUTAGE);
                long refused = history.count(History.Type.FAIL) - before;
                kafka.start(1);
                kafka.start(2);
                yield "nodes 1 and 2 for " + Fault.KAFKA_OUTAGE.toSeconds() + " s, " + refused + " refused";
            }
            case POSTGRES_STOP -> {
                postgres.immediateStop();
                Processes.pause(Duration.ofSeconds(5));
                postgres.start();
                yield "down 5 s";
            }
            case POSTGRES_TERMINATE -> postgres.terminateServiceConnections() + " connections";
            case POISON -> {
                int sent = clients.poison();
                poisonSent += sent;
                yield sent + " records";
            }
            case PARTITION_POSTGRES, PARTITION_KAFKA -> {
                int victim = victims++ % PARTITIONABLE;
                long before = history.count(History.Type.FAIL);
                if (fault == Fault.PARTITION_POSTGRES) {
                    toPostgres.get(victim).forEach(FreezableProxy::freeze);
                } else {
                    kafka.partition(victim);
                }
                Processes.pause(options.partition());
                long refused = history.count(History.Type.FAIL) - before;
                toPostgres.get(victim).forEach(FreezableProxy::heal);
                kafka.heal(victim);
                yield instances.get(victim).name() + " cut off for " + options.partition().toSeconds() + " s, "
                        + refused + " refused meanwhile";
            }
            case FAILOVER -> {
                long before = history.count(History.Type.FAIL);
                postgres.kill();
                Processes.pause(Fault.DETECTION);
                standby.promote();
                postgres = standby;
                standby = null;
                yield "primary killed, standby promoted %d s later, %d refused meanwhile"
                        .formatted(Fault.DETECTION.toSeconds(), history.count(History.Type.FAIL) - before);
            }
            case REBALANCE -> {
                ServiceInstance joining = new ServiceInstance("instance-" + (instances.size() + 1), directory,
                        postgres, kafka, instanceSettings()).withClassDataSharing();
                joining.start();
                joining.awaitReady(READY_WITHIN);
                instances.add(joining);
                Processes.pause(Duration.ofSeconds(15));
                instances.remove(joining);
                joining.stop();
                yield joining.name() + " joined and left";
            }
        };
        double recovery = awaitRecovery();
        faults.add(new FaultRecord(fault, at, recovery, detail));
        log("  %s (%s): recovered %.1f s after healing".formatted(fault.label(), detail, recovery));
    }

    private ServiceInstance victim() {
        return instances.get(victims++ % PARTITIONABLE);
    }

    /** Seconds until a reservation goes all the way through again: HTTP, Kafka, a decision, the answer. */
    private double awaitRecovery() {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(3);
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            List<ServiceInstance> live = routedInstances();
            ServiceInstance instance = live.get(attempt++ % live.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.uri("/reservations"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", operator)
                        .header("Content-Type", "application/json")
                        .header("Prefer", "wait=10")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"" + Workload.PROBE
                                + "\",\"quantity\":1}],\"holdSeconds\":1}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (Exception e) {
                // not yet
            }
            Processes.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("no reservation went through within 3 minutes of healing");
    }

    /** Each reaches PostgreSQL through a proxy and the brokers by a route of its own, so it can be cut off alone. */
    private void startInstances(int count) {
        for (int i = 0; i < count; i++) {
            FreezableProxy proxy = new FreezableProxy(postgres.port());
            String jdbcUrl = postgres.jdbcUrl(proxy.port());
            List<FreezableProxy> proxies = new ArrayList<>(List.of(proxy));
            if (standby != null) {
                FreezableProxy toStandby = new FreezableProxy(standby.port());
                proxies.add(toStandby);
                jdbcUrl = PostgresServer.failoverJdbcUrl(proxy.port(), toStandby.port());
            }
            toPostgres.add(proxies);
            ServiceInstance instance = new ServiceInstance("instance-" + (i + 1), directory, postgres, jdbcUrl, kafka,
                    kafka.bootstrapServers(i), instanceSettings()).withClassDataSharing();
            instance.start();
            instances.add(instance);
        }
        instances.forEach(instance -> instance.awaitReady(READY_WITHIN));
    }

    private List<ServiceInstance> routedInstances() {
        List<ServiceInstance> live = instances.stream().filter(ServiceInstance::routed).toList();
        return live.isEmpty() ? instances : live;
    }

    private void seedInventory() {
        for (Workload.Seed seed : options.workload().seed()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(instances.get(0).uri(seed.path()))
                        .header("Authorization", operator)
                        .header("Content-Type", "application/json")
                        .method(seed.method(), HttpRequest.BodyPublishers.ofString(seed.body()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    throw new IllegalStateException(seed + ": " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String summary(Verdict verdict) {
        Map<Fault, Long> kinds = faults.stream()
                .collect(Collectors.groupingBy(FaultRecord::fault, () -> new EnumMap<>(Fault.class),
                        Collectors.counting()));
        String faultList = kinds.entrySet().stream().map(kind -> kind.getKey().label() + "*" + kind.getValue())
                .collect(Collectors.joining(","));
        double recoveryMax = faults.stream().mapToDouble(FaultRecord::recoverySeconds).max().orElse(0);
        return ("requests=%d clients=%d faults=%s ok/fail/info=%d/%d/%d oversold=%d lost=%d double=%d dup_events=%d "
                + "unpublished=%d phantom=%d stuck=%d dlt=%d/%d over_cap=%d backordered=%d split=%d recovery_max=%.1fs %s").formatted(
                verdict.requests(), options.httpClients() + (options.kafkaRate() > 0 ? 1 : 0),
                faultList.isEmpty() ? "none" : faultList, verdict.ok(), verdict.fail(), verdict.info(),
                verdict.oversold().size(), verdict.lost(), verdict.doubleApplied(), verdict.duplicateEvents(),
                verdict.unpublished(), verdict.phantom(), verdict.stuck(), verdict.deadLetters().size(), verdict.poisonSent(),
                verdict.overCap(), verdict.backordered(), verdict.split(), recoveryMax,
                verdict.passed() ? "PASS" : "FAIL");
    }

    private void append(String line, Verdict verdict) {
        try {
            Files.writeString(directory.getParent().resolve("runs.md"), "- " + LocalDateTime.now()
                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " `" + line + "` (" + directory.getFileName()
                    + ")\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.write(directory.resolve("dead-letters.txt"), verdict.deadLetters());
            Files.writeString(directory.resolve("faults.txt"), faults.stream()
                    .map(fault -> "%.1f s %s (%s): recovered in %.1f s".formatted(fault.at(), fault.fault().label(),
                            fault.detail(), fault.recoverySeconds()))
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(History history) {
        log("%d requests, ok/fail/info %d/%d/%d".formatted(history.invoked(), history.count(History.Type.OK),
                history.count(History.Type.FAIL), history.count(History.Type.INFO)));
    }

    private List<String> instanceSettings() {
        List<String> settings = new ArrayList<>(INSTANCE_SETTINGS);
        settings.add("--stocklock.limits.max-units-held-per-owner=" + options.ownerCap());
        return settings;
    }

    private static void log(String message) {
        System.out.printf("[fault-suite %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME)
                .substring(0, 8), message);
    }

    /** What to run; see the class comment. */
    record Options(long requests, List<Fault> faults, int httpClients, int kafkaRate, Workload workload,
                   long ownerCap, Duration partition) {

        static Options parse(String... args) {
            Map<String, String> given = Arrays.stream(args)
                    .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                    .filter(arg -> arg.contains("="))
                    .map(arg -> arg.replaceFirst("^--", "").split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (first, last) -> last));
            Set<String> known = new TreeSet<>(List.of("requests", "faults", "http-clients", "kafka-rate", "hot-stock",
                    "owner-cap", "longest-hold", "partition-seconds"));
            if (!known.containsAll(given.keySet())) {
                throw new IllegalArgumentException("options are " + known + ", given " + given.keySet());
            }
            String faults = given.getOrDefault("faults", "2");
            List<Fault> schedule = faults.matches("\\d+")
                    ? IntStream.range(0, Integer.parseInt(faults))
                            .mapToObj(i -> EVERY_KIND.get(i % EVERY_KIND.size())).toList()
                    : Arrays.stream(faults.split(",")).map(Fault::of).toList();
            if (schedule.stream().filter(Fault.FAILOVER::equals).count() > 1) {
                throw new IllegalArgumentException("a run has one standby: one failover at most, given " + faults);
            }
            return new Options(Long.parseLong(given.getOrDefault("requests", "3000")), schedule,
                    Integer.parseInt(given.getOrDefault("http-clients", "8")),
                    Integer.parseInt(given.getOrDefault("kafka-rate", "100")),
                    new Workload(Long.parseLong(given.getOrDefault("hot-stock", "2000")), 50, 300,
                            Integer.parseInt(given.getOrDefault("longest-hold", "40"))),
                    Long.parseLong(given.getOrDefault("owner-cap", "100")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("partition-seconds", "90"))));
        }
    }

}
