package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A sold-out SKU's waiting list over real HTTP, PostgreSQL and Kafka: a unit that comes back is offered to the first
 * in line (its ReservationReserved event on the outcome topic, under the entry's id), a newcomer on the Kafka intake
 * is refused meanwhile, and an offer not confirmed in time expires and passes to the next in line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServers.class)
class WaitingListTest {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingListTest.class);
    private static final String SKU = "WAITED-1";

    @LocalServerPort
    int port;
    @Autowired
    KafkaSettings settings;
    @Autowired
    GetReservation getReservation;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whatComesBackIsOfferedToTheLineInOrderAndAnOfferNotTakenPassesOn() throws Exception {
        assertThat(send("POST", "/inventory", "{\"sku\":\"" + SKU + "\",\"onHand\":1}", "operator", "inventory:write")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> held = send("POST", "/reservations", "{\"lines\":[{\"sku\":\"" + SKU
                + "\",\"quantity\":1}]}", "holder", "reservations:write");
        assertThat(held.statusCode()).isEqualTo(201);
        String ann = join("ann", 2);  // an offer held for 2 s
        String bob = join("bob", 600);

        long released = System.nanoTime();
        assertThat(send("POST", held.headers().firstValue("Location").orElseThrow() + "/release", null, "holder",
                "reservations:write").statusCode()).isEqualTo(200);
        try (var events = new TopicReader(settings.eventsTopic())) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(ann).filter(ReservationStatus.RESERVED::equals).isPresent());
            LOG.info("offered {} ms after the release", (System.nanoTime() - released) / 1_000_000);
            String newcomer = UUID.randomUUID().toString();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(settings.requestsTopic(), SKU, KafkaIntakeTest.request(newcomer,
                        "carol", 60, KafkaIntakeTest.line(SKU, 1)))).get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> status(newcomer).isPresent());
            assertThat(status(newcomer)).contains(ReservationStatus.REJECTED);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.records().stream()
                    .anyMatch(event -> event.key().equals(ann) && event.value().contains("ReservationReserved")));

            // ann does not confirm: her offer expires, and the unit passes to bob
            await().atMost(Duration.ofSeconds(15)).until(() -> status(bob).isPresent());
            assertThat(status(ann)).contains(ReservationStatus.EXPIRED);
            assertThat(status(bob)).contains(ReservationStatus.RESERVED);
        }
        HttpResponse<String> place = send("GET", "/waiting-list/" + bob, null, "bob", "reservations:read");
        assertThat(place.body()).contains("\"status\":\"OFFERED\"", "\"reservation\":\"/reservations/" + bob + "\"");
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
    }

    private Optional<ReservationStatus> status(String id) {
        return getReservation.get(ReservationId.parse(id)).map(reservation -> reservation.status());
    }

    private String join(String buyer, int holdSeconds) throws Exception {
        HttpResponse<String> joined = send("POST", "/waiting-list", "{\"sku\":\"" + SKU + "\",\"quantity\":1,"
                + "\"holdSeconds\":" + holdSeconds + "}", buyer, "reservations:write");
        assertThat(joined.statusCode()).isEqualTo(201);
        return joined.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> send(String method, String path, String body, String subject, String scope)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(subject, scope))
                .header("Content-Type", "application/json").header("Prefer", "wait=10")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
