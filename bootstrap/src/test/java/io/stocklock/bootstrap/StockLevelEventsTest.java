package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.RelayStockLevels;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A SKU that runs low, sells out and comes back over real HTTP, PostgreSQL and Kafka: each crossing is told once on
 * the stock-levels topic, keyed by the SKU, in the order it happened, although a second relay (as another instance
 * would run) competes with the service's own all along.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServers.class)
class StockLevelEventsTest {

    private static final String SKU = "LEVELS-1";

    @LocalServerPort
    int port;
    @Autowired
    KafkaSettings settings;
    @Autowired
    RelayStockLevels relay;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachCrossingIsToldOnceInOrderKeyedBySku() throws Exception {
        var stop = new AtomicBoolean();
        CompletableFuture<Void> secondRelay = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                relay.relay(1);
            }
        });
        assertThat(send("POST", "/inventory", "{\"sku\":\"" + SKU + "\",\"onHand\":5}", "inventory:write")
                .statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/inventory/" + SKU + "/low-stock", "{\"threshold\":2}", "inventory:write")
                .statusCode()).isEqualTo(200);

        reserve(3);                                        // 2 left: low
        String last = reserve(2);                          // sold out
        assertThat(reserve(1)).as("refused: nothing changes").isEmpty();
        assertThat(send("POST", last + "/release", null, "reservations:write").statusCode()).isEqualTo(200); // back
        assertThat(send("POST", "/inventory/" + SKU + "/adjustments", "{\"delta\":-2,\"reason\":\"damaged\"}",
                "inventory:write").statusCode()).isEqualTo(200);                                     // sold out again

        List<String> told = new ArrayList<>();
        try (var topic = new TopicReader(settings.stockLevelsTopic())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofOurSku(topic.records()).size() >= 4);
            stop.set(true);
            secondRelay.get();
            // nothing more arrives: no crossing is told twice
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> ofOurSku(topic.records()).size() == 4);
            for (ConsumerRecord<String, String> record : ofOurSku(topic.records())) {
                told.add(record.value().replaceAll(".*\"type\":\"(\\w+)\".*\"available\":(\\d+).*", "$1 $2"));
            }
        }
        assertThat(told).containsExactly("StockLow 2", "SoldOut 0", "BackInStock 2", "SoldOut 0");
        assertThat(jdbc.sql("SELECT count(*) FROM stock_level_event").query(Long.class).single()).isZero();
        assertThat(new StockInvariants(jdbc).stockViolations()).isEmpty();
    }

    private static List<ConsumerRecord<String, String>> ofOurSku(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(record -> SKU.equals(record.key())).toList();
    }

    /** @return the Location of the reservation, if reserved */
    private String reserve(int quantity) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/reservations"))
                .header("Authorization", TestTokens.bearer("levels-buyer", "reservations:write"))
                .header("Content-Type", "application/json").header("Prefer", "wait=10")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":"
                        + quantity + "}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isIn(201, 409);
        return answer.headers().firstValue("Location").filter(location -> answer.statusCode() == 201).orElse("");
    }

    private HttpResponse<String> send(String method, String path, String body, String scope) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer("levels-buyer", scope))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
