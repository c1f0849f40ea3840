package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.OpenApiContractFilter;
import io.stocklock.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * Real HTTP into the running service, through Kafka, to PostgreSQL and back. The intake takes as many submissions in
 * flight as the largest burst here, so that every buyer is decided (the limit itself is tested elsewhere).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stocklock.http.most-in-flight=2000")
@ContextConfiguration(initializers = TestServers.class)
class HttpIntakeTest {

    private static final Logger log = LoggerFactory.getLogger(HttpIntakeTest.class);
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    ManageStock manageStock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaSettings settings;
    @Autowired
    @Qualifier("reservationRequestListenerContainer")
    MessageListenerContainer requestListener;
    @Autowired
    MeterRegistry meters;

    private final ExecutorService clients = Executors.newFixedThreadPool(64);
    private final HttpClient http = HttpClient.newBuilder().executor(clients).build();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
        // the answers written after their request's dispatch are checked as they complete
        assertThat(OpenApiContractFilter.violations()).isEmpty();
    }

    @Test
    void twoThousandConcurrentBuyersWaitingForTheirDecisionGetAnswersThatMatchTheDatabase() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("HTTP-HOT"), 500));
        int buyers = 2_000;
        long start = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            long sent = System.nanoTime();
            answers.add(http.sendAsync(post("{\"lines\":[{\"sku\":\"HTTP-HOT\",\"quantity\":1}]}", "buyer-" + i)
                                    .header("Prefer", "wait=20").build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Answer(response, System.nanoTime() - sent)));
        }
        List<Answer> done = answers.stream().map(CompletableFuture::join).toList();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        Map<Integer, Long> byStatus = new HashMap<>();
        done.forEach(answer -> byStatus.merge(answer.response().statusCode(), 1L, Long::sum));
        long[] latencies = done.stream().mapToLong(answer -> answer.nanos() / 1_000_000).sorted().toArray();
        log.info("{} concurrent POSTs with Prefer: wait in {} ms: {} by status; p50 {} ms, p99 {} ms, max {} ms",
                buyers, elapsedMillis, byStatus, latencies[latencies.length / 2],
                latencies[(int) (latencies.length * 0.99)], latencies[latencies.length - 1]);

        assertThat(byStatus).containsOnlyKeys(201, 409).containsEntry(201, 500L).containsEntry(409, 1_500L);
        for (Answer answer : done) {
            String status = jdbc.sql("SELECT status FROM reservation WHERE id = ?::uuid")
                    .param(idOf(answer.response().body())).query(String.class).single();
            assertThat(status).isEqualTo(answer.response().statusCode() == 201 ? "RESERVED" : "REJECTED");
        }
        assertThat(jdbc.sql("SELECT reserved FROM inventory WHERE sku = 'HTTP-HOT'").query(Long.class).single())
                .isEqualTo(500);
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        // each decision taken at the door wrote its one event to the outbox, from where the relay publishes it
        assertThat(invariants.eventViolations()).isEmpty();
        Set<String> answered = done.stream().map(answer -> idOf(answer.response().body())).collect(Collectors.toSet());
        try (var events = new TopicReader(settings.eventsTopic())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> events.records().stream()
                    .map(record -> record.key()).collect(Collectors.toSet()).containsAll(answered));
        }
    }

    @Test
    void oneIdempotencyKeySentFiftyTimesAtOnceCreatesOneReservation() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("HTTP-KEY"), 100));
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sends.add(http.sendAsync(post("{\"lines\":[{\"sku\":\"HTTP-KEY\",\"quantity\":3}]}", "alice")
                    .header("Idempotency-Key", "checkout-42").build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = sends.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus = new HashMap<>();
        responses.forEach(response -> byStatus.merge(response.statusCode(), 1L, Long::sum));
        log.info("one Idempotency-Key 50 times at once: {} by status", byStatus);
        assertThat(byStatus.keySet()).isSubsetOf(202, 201, 409).contains(202);
        assertThat(responses).filteredOn(response -> response.statusCode() != 409)
                .extracting(response -> response.headers().firstValue("Location").orElseThrow())
                .containsOnly(responses.stream().filter(response -> response.statusCode() == 202).findFirst()
                        .orElseThrow().headers().firstValue("Location").orElseThrow());
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                        WHERE l.sku = 'HTTP-KEY'""").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theCallersTraceContextTravelsWithTheRequestThroughKafka() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("HTTP-TRACED"), 1));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        HttpResponse<String> response = http.send(post("{\"lines\":[{\"sku\":\"HTTP-TRACED\",\"quantity\":1}]}",
                        "alice").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        try (var requests = new TopicReader(settings.requestsTopic())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.records().stream()
                    .filter(record -> record.value().contains("HTTP-TRACED"))
                    .anyMatch(record -> record.headers().lastHeader("traceparent") != null
                            && new String(record.headers().lastHeader("traceparent").value(),
                            StandardCharsets.UTF_8).contains(traceId)));
        }
    }

    @Test
    void aBodyThatDoesNotAnnounceItsLengthIsCutOffAt64KiB() throws Exception {
        byte[] huge = ("{\"lines\":[{\"sku\":\"" + "x".repeat(100_000) + "\",\"quantity\":1}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(post("", "alice")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))) // chunked
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("https://stocklock.io/problems/payload-too-large");
    }

    @Test
    void aWaitingBuyerIsDecidedAtTheDoorAndItsOutcomeEventIsRelayedFromTheOutbox() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("HTTP-DOOR"), 5));
        requestListener.stop(); // nothing reaches the decision through Kafka
        try (var events = new TopicReader(settings.eventsTopic())) {
            long answered = answeredCreated();
            HttpResponse<String> answer = http.send(post("{\"lines\":[{\"sku\":\"HTTP-DOOR\",\"quantity\":2}]}",
                    "carol").header("Prefer", "wait=20").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            // answered without a second dispatch, and observed once, with the status it was answered with
            await().atMost(Duration.ofSeconds(5)).until(() -> answeredCreated() == answered + 1);
            String id = idOf(answer.body());
            assertThat(jdbc.sql("SELECT status FROM reservation WHERE id = ?::uuid").param(id).query(String.class)
                    .single()).isEqualTo("RESERVED");
            await().atMost(Duration.ofSeconds(30)).until(() -> events.records().stream()
                    .anyMatch(record -> id.equals(record.key()) && record.value().contains("ReservationReserved")));
        } finally {
            requestListener.start();
        }
    }

    private HttpRequest.Builder post(String body, String caller) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reservations"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", TestTokens.bearer(caller, "reservations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private long answeredCreated() {
        Timer timer = meters.find("http.server.requests").tags("method", "POST", "uri", "/reservations", "status", "201")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private static String idOf(String body) {
        Matcher matcher = ID.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private record Answer(HttpResponse<String> response, long nanos) {
    }
}
