package io.stocklock.reliability;

import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.Processes;
import io.stocklock.testsupport.process.ServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Several instances started at once while requests arrive on the Kafka topic: how often the request consumers gave
 * partitions up while the group formed, and how long the topic's requests waited for a decision meanwhile. Each
 * instance is a {@code java -jar} process of its own, on one durable PostgreSQL and one broker; a producer writes
 * {@code per-second} requests from before the first start to the end. Writes its table into docs/reliability.md
 * between its markers. Options ({@code name=value}): {@code instances} (3), {@code per-second} (100), {@code runs}
 * (2), {@code doc} (../docs/reliability.md).
 */
public final class StartStorm {

    static final String BEGIN = "<!-- the start storm's table: written by scripts/start-storm.sh -->";
    static final String END = "<!-- end of the start storm's table -->";
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Pattern REVOKED = Pattern.compile("^stocklock_request_partitions_revoked_total\\S* ([\\d.E]+)$",
            Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * One run: when each instance was ready, what its consumers gave up, and how the decisions flowed: the waits of
     * the requests sent once the first instance was ready, and of all of them (those queued before it include the
     * start).
     */
    record Result(List<Double> readySeconds, List<Double> revoked, long requests, long decided,
                  double longestGapSeconds, Waits afterFirstReady, Waits all) {
    }

    record Waits(double p99, double max) {
        static Waits of(List<Double> seconds) {
            List<Double> sorted = seconds.stream().sorted().toList();
            return sorted.isEmpty() ? new Waits(0, 0)
                    : new Waits(sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
        }
    }

    private StartStorm() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = RunOptions.parse(args);
        int instances = Integer.parseInt(given.getOrDefault("instances", "3"));
        int perSecond = Integer.parseInt(given.getOrDefault("per-second", "100"));
        int runs = Integer.parseInt(given.getOrDefault("runs", "2"));
        Path doc = Path.of(given.getOrDefault("doc", "../docs/reliability.md"));
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Result result = new StartStorm().run(instances, perSecond);
            log("run " + run + ": " + result);
            results.add(result);
        }
        write(doc, instances, perSecond, results);
        System.exit(0);
    }

    private Result run(int count, int perSecond) throws Exception {
        Path directory = Processes.runDirectory(Path.of("target", "start-storm"));
        var postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        try (var kafka = new KafkaCluster(directory, 1)) {
            kafka.start();
            List<ServiceInstance> instances = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                instances.add(new ServiceInstance("stocklock-" + i, directory, postgres, kafka, List.of())
                        .withClassDataSharing());
            }
            // the archive's training run, before the clock starts
            instances.get(0).start();
            instances.get(0).awaitReady(Duration.ofMinutes(3));
            instances.get(0).stop();
            Map<UUID, Instant> sent = new ConcurrentHashMap<>();
            var producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(kafka.bootstrapServers(), perSecond, producing, sent));
            producer.start();
            Processes.pause(Duration.ofSeconds(2));
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            instances.forEach(ServiceInstance::start);
            List<CompletableFuture<Double>> ready = instances.stream().map(instance -> CompletableFuture.supplyAsync(
                    () -> {
                        instance.awaitReady(Duration.ofMinutes(5));
                        return (System.nanoTime() - started) / 1e9;
                    })).toList();
            List<Double> readySeconds = ready.stream().map(CompletableFuture::join).toList();
            Instant firstReady = startedAt.plusMillis(Math.round(Collections.min(readySeconds) * 1000));
            Processes.pause(SETTLE);
            producing.set(false);
            producer.join();
            Processes.pause(Duration.ofSeconds(5));
            List<Double> revoked = new ArrayList<>();
            for (ServiceInstance instance : instances) {
                String scrape = http.send(HttpRequest.newBuilder(instance.managementUri("/actuator/prometheus"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                revoked.add(sum(REVOKED, scrape));
            }
            instances.forEach(ServiceInstance::stop);
            return flow(postgres, sent, firstReady, readySeconds, revoked);
        } finally {
            postgres.stop();
        }
    }

    private static double sum(Pattern metric, String scrape) {
        double total = 0;
        Matcher matcher = metric.matcher(scrape);
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    /** Requests for a SKU no one stocks: each is decided (rejected) and stored, which is all this run needs. */
    private static void produce(String bootstrapServers, int perSecond, AtomicBoolean producing,
                                Map<UUID, Instant> sent) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long due = System.nanoTime();
            while (producing.get()) {
                String sku = "STORM-" + sent.size() % 50;
                UUID id = UUID.randomUUID();
                Instant now = Instant.now();
                sent.put(id, now);
                producer.send(new ProducerRecord<>(Clients.REQUESTS_TOPIC, sku, """
                        {"schemaVersion":1,"requestId":"%s","owner":"storm","submittedAt":"%s",\
                        "lines":[{"sku":"%s","quantity":1}]}""".formatted(id, now, sku)));
                due += interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Processes.pause(Duration.ofNanos(wait));
                }
            }
        }
    }

    /** From the rows: how long each request waited for its decision, and the longest time no decision was taken. */
    private static Result flow(PostgresServer postgres, Map<UUID, Instant> sent, Instant firstReady,
                               List<Double> readySeconds, List<Double> revoked) throws Exception {
        List<Instant> decisions = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        List<Double> waitsAfterFirstReady = new ArrayList<>();
        try (Connection db = postgres.connect(PostgresServer.DATABASE); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id, decided_at FROM reservation WHERE owner = 'storm' "
                     + "AND decided_at IS NOT NULL ORDER BY decided_at")) {
            while (rows.next()) {
                Instant decided = rows.getTimestamp(2).toInstant();
                decisions.add(decided);
                Instant at = sent.get(rows.getObject(1, UUID.class));
                if (at != null) {
                    double wait = Duration.between(at, decided).toMillis() / 1e3;
                    waits.add(wait);
                    if (at.isAfter(firstReady)) {
                        waitsAfterFirstReady.add(wait);
                    }
                }
            }
        }
        double gap = 0;
        for (int i = 1; i < decisions.size(); i++) {
            gap = Math.max(gap, Duration.between(decisions.get(i - 1), decisions.get(i)).toMillis() / 1e3);
        }
        return new Result(readySeconds, revoked, sent.size(), decisions.size(), gap, Waits.of(waitsAfterFirstReady),
                Waits.of(waits));
    }

    private static void write(Path doc, int instances, int perSecond, List<Result> results) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            rows.append("| %d | %s | %s | %,d / %,d | %.1f | %.2f / %.2f | %.1f / %.1f |%n".formatted(i + 1,
                    seconds(result.readySeconds()), counts(result.revoked()), result.decided(), result.requests(),
                    result.longestGapSeconds(), result.afterFirstReady().p99(), result.afterFirstReady().max(),
                    result.all().p99(), result.all().max()));
        }
        new MarkedSection(doc, BEGIN, END).rewrite(before -> """

                Run on %s with `bash scripts/start-storm.sh instances=%d per-second=%d runs=%d` (each instance's
                figures in the order they were started; a request waits from its send to its decision, so the
                wait of those sent before any instance was ready includes the start):

                | run | ready after start, s | partitions each gave up | decided / sent | longest time without a decision, s | wait of requests sent after the first instance was ready, p99 / max, s | wait of all, p99 / max, s |
                |---|---|---|---|---|---|---|
                %s
                """.formatted(LocalDate.now(), instances, perSecond, results.size(), rows.toString().strip()));
    }

    private static String seconds(List<Double> values) {
        return values.stream().map(value -> "%.1f".formatted(value)).collect(Collectors.joining(" / "));
    }

    private static String counts(List<Double> values) {
        return values.stream().map(value -> Long.toString(Math.round(value))).collect(Collectors.joining(" / "));
    }

    private static void log(String message) {
        System.out.printf("[start-storm %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME)
                .substring(0, 8), message);
    }
}
