package io.stocklock.bootstrap;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestPostgres;
import io.stocklock.testsupport.TestTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
                          Health:     http://localhost:8081/actuator/health  (probes, Prometheus, operations)
                          Token:      export TOKEN='{}'
                                      (subject dev, every scope, valid 12 h: curl -H "Authorization: $TOKEN" ...)
                          Kafka:      {}  (produce requests to stocklock.reservation-requests)
                          PostgreSQL: {}  (user {}, password {})
                        Nothing persists: both servers start empty and their files are deleted at exit.
                        Outcome events published to stocklock.reservation-events are logged below as they arrive.""",
                DEMO_STOCK.keySet(),
                TestTokens.bearer("dev", TestTokens.ALL_SCOPES, Duration.ofHours(12), TestTokens.SECRET),
                TestKafka.bootstrapServers(), database.url(), database.user(), database.password());
        logOutcomeEvents(context.getBean(KafkaSettings.class).eventsTopic());
    }

    /** What a consumer of the events topic receives, in the log, so the whole flow can be watched without tools. */
    private static void logOutcomeEvents(String topic) {
        Thread watcher = new Thread(() -> {
            var log = LoggerFactory.getLogger("outcome-events");
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "stocklock-local-run-watcher",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofSeconds(1)).forEach(event -> log.info("outcome event: {}", event.value()));
                }
            } catch (RuntimeException e) {
                log.debug("outcome event watcher stopped", e);
            }
        }, "outcome-event-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
