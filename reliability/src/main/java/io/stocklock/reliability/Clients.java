package io.stocklock.reliability;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.testsupport.process.Processes;
import io.stocklock.testsupport.process.ServiceInstance;
import io.stocklock.reliability.History.Type;
import io.stocklock.testsupport.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The buyers: threads that reserve over HTTP, each as a caller of its own, retrying an unanswered request with the
 * same Idempotency-Key on the next instance like a careful client, and a producer that writes requests straight to
 * the request topic at a steady rate. Everything they are told goes into the history.
 */
final class Clients implements AutoCloseable {

    static final String REQUESTS_TOPIC = "stocklock.reservation-requests";
    private static final int ATTEMPTS = 3;

    private final History history;
    private final Workload workload;
    private final Supplier<List<ServiceInstance>> instances;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;

    Clients(History history, Workload workload, Supplier<List<ServiceInstance>> instances, String bootstrapServers) {
        this.history = history;
        this.workload = workload;
        this.instances = instances;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    void start(int httpClients, int kafkaPerSecond) {
        for (int i = 0; i < httpClients; i++) {
            String caller = "http-" + i;
            String token = TestTokens.bearer(caller, TestTokens.ALL_SCOPES, Duration.ofHours(12), TestTokens.SECRET);
            threads.submit(() -> {
                while (running) {
                    reserveOverHttp(caller, token);
                }
            });
        }
        if (kafkaPerSecond > 0) {
            threads.submit(() -> produce(kafkaPerSecond));
        }
    }

    private void reserveOverHttp(String caller, String token) {
        String key = UUID.randomUUID().toString();
        UUID id = ReservationId.keyed(ServiceInstance.ID_SECRET.getBytes(StandardCharsets.UTF_8), caller, key).value();
        String body = workload.nextRequest();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<ServiceInstance> live = instances.get();
            ServiceInstance instance = live.get(Math.floorMod(next.getAndIncrement(), live.size()));
            history.invoke(caller, "http", id, body);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.uri("/reservations"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String result = response.statusCode() + " " + problemType(response.body());
                switch (response.statusCode()) {
                    case 201, 202 -> {
                        history.complete(caller, Type.OK, "http", id, result);
                        return;
                    }
                    case 409 -> {
                        if (!result.endsWith("idempotency-key-in-flight")) { // a rejection: a decision
                            history.complete(caller, Type.OK, "http", id, result);
                            return;
                        }
                        history.complete(caller, Type.INFO, "http", id, result); // in flight: ask again
                    }
                    case 503 -> {
                        if (result.endsWith("intake-unavailable")) {
                            history.complete(caller, Type.FAIL, "http", id, result);
                            return; // nothing was recorded (or an earlier request with the key is FAILED for good)
                        }
                        history.complete(caller, Type.INFO, "http", id, result);
                    }
                    default -> {
                        Type type = response.statusCode() >= 500 ? Type.INFO : Type.FAIL;
                        history.complete(caller, type, "http", id, result);
                        if (type == Type.FAIL) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                history.complete(caller, Type.INFO, "http", id, e.getClass().getSimpleName() + " from "
                        + instance.name());
            }
            Processes.pause(Duration.ofSeconds(1));
        }
    }

    private void produce(int perSecond) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long due = System.nanoTime();
        while (running) {
            UUID id = UUID.randomUUID();
            String request = workload.nextRequest();
            String message = ("{\"schemaVersion\":1,\"requestId\":\"%s\",\"owner\":\"kafka-client-%d\","
                    + "\"submittedAt\":\"%s\",%s").formatted(id, Math.floorMod(id.hashCode(), 100), Instant.now(),
                    request.substring(1));
            history.invoke("kafka", "kafka", id, request);
            try {
                producer.send(new ProducerRecord<>(REQUESTS_TOPIC, Workload.key(request),
                        message.getBytes(StandardCharsets.UTF_8)), (metadata, failure) -> history.complete("kafka",
                        failure == null ? Type.OK : Type.INFO, "kafka", id,
                        failure == null ? "offset " + metadata.offset() : failure.getClass().getSimpleName()));
            } catch (Exception e) {
                history.complete("kafka", Type.INFO, "kafka", id, e.getClass().getSimpleName());
            }
            due += intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Processes.pause(Duration.ofNanos(wait));
            } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                due = System.nanoTime(); // a blocked send does not turn into a burst afterwards
            }
        }
    }

    /** Writes one record of each poison kind to the request topic; answers how many were written. */
    int poison() {
        List<byte[]> records = Workload.poison(UUID.randomUUID().toString());
        List<Future<?>> sent = new ArrayList<>();
        for (byte[] record : records) {
            sent.add(producer.send(new ProducerRecord<>(REQUESTS_TOPIC, Workload.HOT, record)));
        }
        for (var send : sent) {
            try {
                send.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("a poison record was not written", e);
            }
        }
        return records.size();
    }

    /** Stops sending and waits for every answer still on its way. */
    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofMinutes(1));
    }

    private static String problemType(String body) {
        int at = body.indexOf("/problems/");
        if (at < 0) {
            return "";
        }
        int end = body.indexOf('"', at);
        return body.substring(at + "/problems/".length(), end < 0 ? body.length() : end);
    }
}
