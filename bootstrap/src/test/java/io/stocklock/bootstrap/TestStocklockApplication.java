package io.stocklock.bootstrap;

import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestPostgres;
import io.stocklock.testsupport.TestTokens;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Runs stocklock on this machine with nothing installed: a real PostgreSQL from embedded binaries and a real Kafka
 * broker (KRaft, in this JVM) are started for it.
 * {@code mvn -pl bootstrap -am test-compile spring-boot:test-run}
 */
public final class TestStocklockApplication {

    private TestStocklockApplication() {
    }

    public static void main(String[] args) {
        TestPostgres.TestDatabase database = TestPostgres.freshDatabase();
        System.setProperty("spring.datasource.url", database.url());
        System.setProperty("spring.datasource.username", database.user());
        System.setProperty("spring.datasource.password", database.password());
        System.setProperty("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        System.setProperty("stocklock.security.jwt-secret", TestTokens.SECRET);
        StocklockApplication.main(args);
        LoggerFactory.getLogger(TestStocklockApplication.class).info("""

                        stocklock is running; Ctrl-C stops it and both servers
                          HTTP API:   http://localhost:8080  (e.g. GET /inventory)
                          Token:      export TOKEN='{}'
                                      (subject dev, every scope, valid 12 h: curl -H "Authorization: $TOKEN" ...)
                          Kafka:      {}  (produce requests to stocklock.reservation-requests)
                          PostgreSQL: {}  (user {}, password {})""",
                TestTokens.bearer("dev", TestTokens.ALL_SCOPES, Duration.ofHours(12), TestTokens.SECRET),
                TestKafka.bootstrapServers(), database.url(), database.user(), database.password());
    }
}
