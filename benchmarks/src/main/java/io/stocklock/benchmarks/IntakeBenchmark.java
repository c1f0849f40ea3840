package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.ServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The two ways in, measured end to end: stocklock runs as in production ({@code java -jar}, its own process) against
 * a durable PostgreSQL and a Kafka broker, each a process of its own, and this JVM is the load generator.
 */
final class IntakeBenchmark implements AutoCloseable {

    private static final String HOT = "HOT";

    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final ServiceInstance service;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Admin admin;

    IntakeBenchmark(Path directory, ServiceSetup setup) throws Exception {
        postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        kafka = new KafkaCluster(directory, 1);
        kafka.start();
        admin = kafka.admin();
        service = new ServiceInstance("stocklock", directory, postgres, kafka, setup.settings());
        service.start();
        service.awaitReady(Duration.ofMinutes(3));
        HotStock.create(http, service, HOT, 1_000_000_000L, setup.hotLocations());
    }

    /** Kafka intake: how fast the consumer decides a topic full of requests for one hot SKU. */
    record KafkaResult(long requests, double producedSeconds, double decidedSeconds) {
        double decisionsPerSecond() {
            return requests / decidedSeconds;
        }
    }

    KafkaResult kafkaIntake(int requests) throws Exception {
        long committedBefore = committed();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = KafkaLoad.producer(kafka.bootstrapServers(), 10)) {
            for (int i = 0; i < requests; i++) {
                producer.send(request(UUID.randomUUID()));
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - start) / 1e9;
        while (committed() - committedBefore < requests) {
            Thread.sleep(100);
        }
        return new KafkaResult(requests, produced, (System.nanoTime() - start) / 1e9);
    }

    /**
     * @param latency microseconds from the moment a request was due to be sent to the moment its outcome event was
     *                read back
     */
    record KafkaRateResult(double offeredPerSecond, long decided, double seconds, Histogram latency) {
        double decidedPerSecond() {
            return decided / seconds;
        }

        double latencyMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    /**
     * Kafka intake in an open loop: requests written to the topic at a steady rate whether or not earlier ones were
     * decided, each timed from when it was due to be sent (not when it was sent: no coordinated omission) until its
     * outcome event is read back from the events topic.
     */
    KafkaRateResult kafkaAtRate(double perSecond, Duration duration) throws Exception {
        KafkaLoad.OpenLoop run = KafkaLoad.offer(kafka.bootstrapServers(), perSecond, duration,
                (i, id) -> request(UUID.fromString(id)));
        return new KafkaRateResult(perSecond, run.decided(), run.seconds(), run.latency());
    }

    /**
     * A request for one unit of the hot SKU, as an external system would write it to the request topic, for one of
     * 1,000 buyers (each may hold 1,000 units of a SKU by default).
     */
    private static ProducerRecord<String, byte[]> request(UUID id) {
        String message = ("{\"schemaVersion\":1,\"requestId\":\"%s\",\"owner\":\"kafka-buyer-%d\",\"lines\":"
                + "[{\"sku\":\"HOT\",\"quantity\":1}],\"holdSeconds\":600,\"submittedAt\":\"%s\"}")
                .formatted(id, Math.floorMod(id.hashCode(), 1_000), Instant.now());
        return new ProducerRecord<>(KafkaLoad.REQUESTS_TOPIC, HOT, message.getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP intake: {@code POST /reservations} (answered 202 once the request topic has it) from concurrent callers. */
    record HttpResult(int callers, long accepted, long errors, double seconds, Histogram latency, double cpuBusyCores) {
        double requestsPerSecond() {
            return accepted / seconds;
        }

        double latencyMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    HttpResult httpIntake(int callers, Duration duration) throws Exception {
        var latency = new ConcurrentHistogram(3);
        var accepted = new AtomicLong();
        var errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<?>> running = new ArrayList<>();
        MachineCpu cpu = MachineCpu.start();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < callers; i++) {
            String token = TestTokens.bearer("buyer-" + i, TestTokens.ALL_SCOPES, Duration.ofHours(2),
                    TestTokens.SECRET);
            running.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(service.uri("/reservations"))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"lines\":[{\"sku\":\"HOT\",\"quantity\":1}],\"holdSeconds\":600}"))
                        .build();
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    latency.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
                    (response.statusCode() == 202 ? accepted : errors).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> caller : running) {
            caller.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new HttpResult(callers, accepted.get(), errors.get(), seconds, latency, cpu.busyCores());
    }

    /** Request records the service's consumer group has committed, over all partitions. */
    private long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("stocklock")
                .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(KafkaLoad.REQUESTS_TOPIC) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
        service.stop();
        kafka.close();
        postgres.stop();
    }
}
