package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * By default the probes, the scrape and the operations endpoints answer only on the management port
 * ({@code management.server.port}, 8081; a random one here), with their own threads: probes and the scrape without a
 * token, the rest with scope {@code operations}; the API's port answers none of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServers.class)
class ManagementPortTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int apiPort;
    @LocalManagementPort
    int managementPort;
    @Autowired
    ManageStock manageStock;

    @Test
    void actuatorEndpointsAnswerOnlyOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(apiPort);
        String operator = TestTokens.bearer("operator", "operations");

        assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("stocklock_outbox_backlog");
        assertThat(get(managementPort, "/actuator/invariants", null).statusCode()).isEqualTo(401);
        assertThat(get(managementPort, "/actuator/invariants", TestTokens.bearer("buyer", TestTokens.ALL_SCOPES))
                .statusCode()).isEqualTo(403);
        assertThat(get(managementPort, "/actuator/invariants", operator).statusCode()).isEqualTo(200);

        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/invariants"}) {
            assertThat(get(apiPort, path, operator).statusCode()).as(path + " on the API's port").isEqualTo(404);
        }
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("MGMT-PORT"), 1));
        assertThat(get(apiPort, "/inventory/MGMT-PORT", TestTokens.bearer("buyer", TestTokens.ALL_SCOPES))
                .statusCode()).as("the API on its port").isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
