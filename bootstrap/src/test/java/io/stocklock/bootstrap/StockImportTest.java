package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A catalogue imported over real HTTP into PostgreSQL while buyers reserve its hot SKU: every line applied once, the
 * levels those of the import, nothing oversold, and the same import sent again changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServers.class)
class StockImportTest {

    @LocalServerPort
    int port;
    @Autowired
    ManageStock manageStock;
    @Autowired
    GetStock getStock;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anImportWhileBuyersReserveAppliesEachLineOnceAndOversellsNothing() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("IMPORT-HOT"), 20));
        StringBuilder csv = new StringBuilder("sku,onHand\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append("IMPORT-").append(i).append(',').append(i % 7).append('\n');
        }
        csv.append("IMPORT-HOT,50\n");

        List<CompletableFuture<HttpResponse<String>>> buyers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            buyers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reservations"))
                    .header("Authorization", TestTokens.bearer("buyer-" + i, "reservations:write"))
                    .header("Content-Type", "application/json").header("Prefer", "wait=10")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"IMPORT-HOT\",\"quantity\":1}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> first = importing(csv.toString());
        List<Integer> statuses = buyers.stream().map(buyer -> buyer.join().statusCode()).toList();

        assertThat(first).last().isEqualTo("{\"done\":{\"lines\":3002,\"created\":3000,\"set\":1,\"refused\":0}}");
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        long reserved = statuses.stream().filter(status -> status == 201).count();
        var hot = getStock.find(Sku.of("IMPORT-HOT")).orElseThrow();
        assertThat(hot.onHand()).isEqualTo(50);
        assertThat(hot.reserved()).isEqualTo(reserved);
        assertThat(getStock.find(Sku.of("IMPORT-2999")).orElseThrow().onHand()).isEqualTo(2999 % 7);
        assertThat(jdbc.sql("SELECT count(*) FROM stock_movement WHERE kind = 'CREATED' AND sku LIKE 'IMPORT-%'")
                .query(Long.class).single()).isEqualTo(3_001);

        List<String> again = importing(csv.toString());

        assertThat(again).last().isEqualTo("{\"done\":{\"lines\":3002,\"created\":0,\"set\":3001,\"refused\":0}}");
        assertThat(getStock.find(Sku.of("IMPORT-HOT")).orElseThrow().onHand()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM stock_movement WHERE sku LIKE 'IMPORT-%' AND kind = 'SET'")
                .query(Long.class).single()).as("the one change of the hot SKU, not one more").isEqualTo(1);
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.allocationViolations()).isEmpty();
    }

    private List<String> importing(String csv) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/inventory/import"))
                .header("Authorization", TestTokens.bearer("importer", "inventory:write"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().lines().toList();
    }
}
