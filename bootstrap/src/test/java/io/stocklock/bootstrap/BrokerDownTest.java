package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * With no Kafka broker to take requests, the queued door still answers 202 once the request is recorded PENDING (the
 * sweep hands it over when the broker is back), and a buyer who waits is decided at the door all the same (its event
 * waits in the outbox).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stocklock.kafka.send-timeout=2s", "spring.kafka.admin.operation-timeout=2s",
                "spring.kafka.admin.properties.request.timeout.ms=2000",
                "spring.kafka.admin.properties.default.api.timeout.ms=2000"})
@ContextConfiguration(initializers = BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    /** The test database, but nothing listens where Kafka should be. */
    static class NoBroker extends TestServers {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of("spring.kafka.bootstrap-servers=localhost:1").applyTo(context);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ManageStock manageStock;
    @Autowired
    GetReservation getReservation;

    @Test
    void anUnreachableBrokerStillMeans202AndAPendingRequest() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("NO-BROKER"), 5));

        HttpResponse<String> response = reserve(reservation("{\"lines\":[{\"sku\":\"NO-BROKER\",\"quantity\":1}]}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        assertThat(getReservation.get(ReservationId.parse(id.group(1))).orElseThrow().status())
                .isEqualTo(ReservationStatus.PENDING);
    }

    @Test
    void aBuyerWhoWaitsIsStillDecidedAtTheDoor() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("NO-BROKER-DOOR"), 5));

        HttpResponse<String> response = reserve(
                reservation("{\"lines\":[{\"sku\":\"NO-BROKER-DOOR\",\"quantity\":2}]}").header("Prefer", "wait=5"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        assertThat(getReservation.get(ReservationId.parse(id.group(1))).orElseThrow().status())
                .isEqualTo(ReservationStatus.RESERVED);
    }

    private HttpRequest.Builder reservation(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reservations"))
                .header("Authorization", TestTokens.bearer("alice", "reservations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> reserve(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
