package io.stocklock.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.ServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * An instance killed with SIGKILL while requests keep arriving on the request topic, then started again with its
 * default settings: once it reports ready, it decides again within seconds, for buyers who wait at the door and for
 * the requests queued on the topic alike (the consumer group must not wait out the dead member's session first).
 */
class DecisionsResumeAfterAKillTest {

    private static final String REQUESTS_TOPIC = "stocklock.reservation-requests";
    private static final int SKUS = 12;
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token = TestTokens.bearer("resume-test", TestTokens.ALL_SCOPES, Duration.ofHours(1),
            TestTokens.SECRET);

    @Test
    void aKilledInstanceDecidesAgainWithinSecondsOfReportingReady() throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "resume")), "run-");
        var postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        var writing = new AtomicBoolean(true);
        try (var kafka = new KafkaCluster(directory, 1)) {
            kafka.start();
            var service = new ServiceInstance("stocklock", directory, postgres, kafka, List.of());
            service.start();
            service.awaitReady(Duration.ofMinutes(3));
            try {
                for (int sku = 0; sku < SKUS; sku++) {
                    assertThat(send(service, "/inventory", "{\"sku\":\"SKU-" + sku + "\",\"onHand\":1000000}", false))
                            .isEqualTo(201);
                }
                Thread writer = new Thread(() -> writeRequests(kafka.bootstrapServers(), writing), "requests");
                writer.start();
                awaitDecisionAfter(postgres, Instant.now(), Duration.ofMinutes(1));

                service.kill();
                Instant killed = Instant.now();
                service.start();
                service.awaitReady(Duration.ofMinutes(3));
                Instant ready = Instant.now();

                int door = send(service, "/reservations", "{\"lines\":[{\"sku\":\"SKU-0\",\"quantity\":1}]}", true);
                Duration doorAnswer = Duration.between(ready, Instant.now());
                HttpResponse<String> accepted = post(service, "/reservations",
                        "{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}", false);
                assertThat(accepted.statusCode()).as("an asynchronous request").isEqualTo(202);
                Duration acceptedDecided = awaitDecided(service,
                        accepted.headers().firstValue("Location").orElseThrow(), ready);
                Instant firstDecision = awaitDecisionAfter(postgres, killed, Duration.ofMinutes(2));
                writing.set(false);
                writer.join();

                System.out.printf("ready %s after the kill; the door answered %d in %d ms; a 202 decided %d ms "
                                + "after ready; the topic's first decision %d ms after ready%n",
                        Duration.between(killed, ready), door, doorAnswer.toMillis(), acceptedDecided.toMillis(),
                        Duration.between(ready, firstDecision).toMillis());
                assertThat(door).as("a waiting buyer's answer").isEqualTo(201);
                assertThat(doorAnswer).as("the door's answer after ready").isLessThanOrEqualTo(WITHIN);
                assertThat(acceptedDecided).as("an asynchronous request's decision after ready")
                        .isLessThanOrEqualTo(WITHIN);
                assertThat(Duration.between(ready, firstDecision)).as("the topic's first decision after ready")
                        .isLessThanOrEqualTo(WITHIN);
            } finally {
                writing.set(false);
                service.stop();
            }
        } finally {
            postgres.stop();
        }
    }

    /** Ten requests a second straight to the topic, for every SKU in turn, keyed by SKU as asyncapi.yaml asks. */
    private static void writeRequests(String bootstrapServers, AtomicBoolean writing) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; writing.get(); i++) {
                String sku = "SKU-" + (i % SKUS);
                String message = ("{\"schemaVersion\":1,\"requestId\":\"%s\",\"owner\":\"buyer-%d\",\"lines\":"
                        + "[{\"sku\":\"%s\",\"quantity\":1}],\"holdSeconds\":600,\"submittedAt\":\"%s\"}")
                        .formatted(UUID.randomUUID(), i % 50, sku, Instant.now());
                producer.send(new ProducerRecord<>(REQUESTS_TOPIC, sku, message.getBytes(StandardCharsets.UTF_8)));
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the first request was decided after {@code after}, waiting for one at most {@code timeout}. */
    private static Instant awaitDecisionAfter(PostgresServer postgres, Instant after, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = postgres.connect(PostgresServer.DATABASE);
             PreparedStatement sql = db.prepareStatement(
                     "SELECT min(decided_at) FROM reservation WHERE decided_at > ? AND owner LIKE 'buyer-%'")) {
            sql.setObject(1, after.atOffset(ZoneOffset.UTC));
            while (System.nanoTime() < deadline) {
                try (ResultSet first = sql.executeQuery()) {
                    first.next();
                    OffsetDateTime at = first.getObject(1, OffsetDateTime.class);
                    if (at != null) {
                        return at.toInstant();
                    }
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new AssertionError("no request from the topic was decided within " + timeout + " after " + after);
    }

    /** How long after {@code since} the reservation at {@code location} was no longer PENDING. */
    private Duration awaitDecided(ServiceInstance service, String location, Instant since) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(service.uri(location))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as("GET " + location).isEqualTo(200);
            if (!status.body().contains("\"PENDING\"")) {
                return Duration.between(since, Instant.now());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError(location + " still PENDING two minutes after ready");
    }

    private int send(ServiceInstance service, String path, String body, boolean waits) throws Exception {
        return post(service, path, body, waits).statusCode();
    }

    private HttpResponse<String> post(ServiceInstance service, String path, String body, boolean waits)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (waits) {
            request.header("Prefer", "wait=10");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
