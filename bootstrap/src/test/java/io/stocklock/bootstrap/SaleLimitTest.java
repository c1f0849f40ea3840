package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A sale over three SKUs, limited per buyer, set over real HTTP; one buyer's requests arrive at once through both
 * intakes (HTTP, waiting, and the Kafka request topic) on real PostgreSQL and Kafka: the buyer gets exactly the limit,
 * each refusal says why (409 {@code sale-limit}, or {@code SALE_LIMIT} on the event), and a released hold makes room.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServers.class)
class SaleLimitTest {

    private static final long LIMIT = 4;

    @LocalServerPort
    int port;
    @Autowired
    KafkaSettings settings;
    @Autowired
    ManageStock manageStock;
    @Autowired
    GetReservation getReservation;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void oneBuyerThroughBothIntakesAtOnceGetsExactlyTheSalesLimit() throws Exception {
        List<String> skus = List.of("SALE-FLOOR", "SALE-BALCONY", "SALE-BOX");
        skus.forEach(sku -> manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), 100)));
        HttpResponse<String> created = send("PUT", "/sales/tour", "{\"maxUnitsPerBuyer\":" + LIMIT
                + ",\"skus\":[\"SALE-FLOOR\",\"SALE-BALCONY\",\"SALE-BOX\"]}", "operator", "inventory:write");
        assertThat(created.statusCode()).isEqualTo(201);

        List<String> kafkaIds = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 12; i++) {
                String sku = skus.get(i % skus.size());
                answers.add(sendAsync("/reservations", "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"));
                String id = UUID.randomUUID().toString();
                kafkaIds.add(id);
                producer.send(new ProducerRecord<>(settings.requestsTopic(), sku, KafkaIntakeTest.request(id, "fan",
                        60, KafkaIntakeTest.line(sku, 1))));
            }
            producer.flush();
        }
        List<HttpResponse<String>> overHttp = answers.stream().map(CompletableFuture::join).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaIds.stream().allMatch(id -> getReservation.get(
                ReservationId.parse(id)).filter(reservation -> reservation.status().isDecided()).isPresent()));

        long reservedOverHttp = overHttp.stream().filter(answer -> answer.statusCode() == 201).count();
        assertThat(overHttp).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(201, 409));
        assertThat(overHttp).filteredOn(answer -> answer.statusCode() == 409).allSatisfy(answer ->
                assertThat(answer.body()).contains("\"type\":\"https://stocklock.io/problems/sale-limit\""));
        long reservedOverKafka = kafkaIds.stream().map(id -> getReservation.get(ReservationId.parse(id)).orElseThrow())
                .filter(reservation -> reservation.rejection().isEmpty()).count();
        assertThat(kafkaIds).allSatisfy(id -> assertThat(getReservation.get(ReservationId.parse(id)).orElseThrow()
                .rejection().map(Enum::name).orElse("SALE_LIMIT")).isEqualTo("SALE_LIMIT"));
        assertThat(reservedOverHttp + reservedOverKafka).as("units the buyer got, one per reservation")
                .isEqualTo(LIMIT);
        assertThat(got()).isEqualTo(LIMIT);

        // a released hold gives its unit back to the sale: the buyer may get one more
        String release = kafkaIds.stream().filter(id -> getReservation.get(ReservationId.parse(id)).orElseThrow()
                .rejection().isEmpty()).findFirst().map(id -> "/reservations/" + id + "/release")
                .orElseGet(() -> overHttp.stream().filter(answer -> answer.statusCode() == 201).findFirst()
                        .flatMap(answer -> answer.headers().firstValue("Location")).orElseThrow() + "/release");
        assertThat(send("POST", release, null, "fan", "reservations:write").statusCode()).isEqualTo(200);
        assertThat(got()).isEqualTo(LIMIT - 1);
        assertThat(sendAsync("/reservations", "{\"lines\":[{\"sku\":\"SALE-BOX\",\"quantity\":1}]}").join()
                .statusCode()).isEqualTo(201);
        assertThat(got()).isEqualTo(LIMIT);

        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.holdingViolations()).isEmpty();
    }

    private long got() throws Exception {
        HttpResponse<String> sale = send("GET", "/sales/tour", null, "fan", "reservations:read");
        assertThat(sale.statusCode()).isEqualTo(200);
        return Long.parseLong(sale.body().replaceAll(".*\"got\":(\\d+).*", "$1"));
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer("fan", "reservations:write"))
                .header("Content-Type", "application/json").header("Prefer", "wait=10")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body, String subject, String scope)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(subject, scope))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
