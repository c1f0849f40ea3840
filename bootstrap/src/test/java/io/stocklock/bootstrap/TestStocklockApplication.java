package io.stocklock.bootstrap;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestPostgres;
import io.stocklock.testsupport.TestTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * Runs stocklock on this machine with nothing installed: a real PostgreSQL from embedded binaries and a real Kafka
 * broker (KRaft, in this JVM) are started for it.
 * {@code mvn -pl bootstrap -am test-compile spring-boot:test-run}
 */
public final class TestStocklockApplication {

    private static final Map<String, Long> DEMO_STOCK = new LinkedHashMap<>(Map.of(
            "DEMO-TICKET", 100L, "DEMO-HOODIE", 20L, "DEMO-PARKING", 5L));

    private TestStocklockApplication() {
    }

    public static void main(String[] args) {
        TestPostgres.TestDatabase database = TestPostgres.freshDatabase();
        System.setProperty("spring.datasource.url", database.url());
        System.setProperty("spring.datasource.username", database.user());
        System.setProperty("spring.datasource.password", database.password());
        System.setProperty("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        System.setProperty("stocklock.security.jwt-secret", TestTokens.SECRET);
        var context = SpringApplication.run(StocklockApplication.class, args);
        ManageStock stock = context.getBean(ManageStock.class);
        DEMO_STOCK.forEach((sku, onHand) -> stock.create(new ManageStock.CreateStockCommand(Sku.of(sku), onHand)));
        LoggerFactory.getLogger(TestStocklockApplication.class).info("""

                        stocklock is running; Ctrl-C stops it and both servers
                          HTTP API:   http://localhost:8080  (demo SKUs: {}; Swagger UI at /swagger-ui.html)
                          Token:      export TOKEN='{}'
                                      (subject dev, every scope, valid 12 h: curl -H "Authorization: $TOKEN" ...)
                          Kafka:      {}  (produce requests to stocklock.reservation-requests)
                          PostgreSQL: {}  (user {}, password {})
                        Nothing persists: both servers start empty and their files are deleted at exit.""",
                DEMO_STOCK.keySet(),
                TestTokens.bearer("dev", TestTokens.ALL_SCOPES, Duration.ofHours(12), TestTokens.SECRET),
                TestKafka.bootstrapServers(), database.url(), database.user(), database.password());
    }
}
