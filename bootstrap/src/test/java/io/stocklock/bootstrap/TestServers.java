package io.stocklock.bootstrap;

import io.stocklock.testsupport.OpenApiContractFilter;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestPostgres;
import io.stocklock.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Points an application context at the shared test servers: a database of its own on the test PostgreSQL, and topics
 * and a consumer group of its own on the test Kafka broker, so contexts never see each other's data. Every HTTP
 * exchange with the service is checked against docs/openapi.json ({@link OpenApiContractFilter}).
 */
public class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /** Another stocklock instance on the same database, topics and consumer group as the given one. */
    static ConfigurableApplicationContext anotherInstance(Environment of) {
        List<String> same = new ArrayList<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "stocklock.kafka.requests-topic", "stocklock.kafka.events-topic",
                "stocklock.kafka.dead-letter-topic", "stocklock.kafka.group-id", "stocklock.kafka.partitions",
                "stocklock.kafka.batch-size", "stocklock.kafka.relay-interval", "stocklock.security.jwt-secret")) {
            if (of.containsProperty(key)) {
                same.add("--" + key + "=" + of.getProperty(key));
            }
        }
        same.add("--server.port=0");
        same.add("--management.server.port=0");
        return new SpringApplicationBuilder(StocklockApplication.class).run(same.toArray(String[]::new));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPostgres.TestDatabase database = TestPostgres.freshDatabase();
        int n = CONTEXTS.incrementAndGet();
        TestPropertyValues.of(
                "spring.datasource.url=" + database.url(),
                "spring.datasource.username=" + database.user(),
                "spring.datasource.password=" + database.password(),
                "spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "stocklock.kafka.requests-topic=test" + n + ".reservation-requests",
                "stocklock.kafka.events-topic=test" + n + ".reservation-events",
                "stocklock.kafka.dead-letter-topic=test" + n + ".reservation-requests-dlt",
                "stocklock.kafka.group-id=test" + n,
                "stocklock.kafka.partitions=3",
                "stocklock.kafka.relay-interval=200ms",
                "stocklock.security.jwt-secret=" + TestTokens.SECRET
        ).applyTo(context);
        if (context instanceof GenericApplicationContext beans) {
            // outside the security filters, so that it also sees their answers; inside AnswerLater, which must see
            // every filter's work on a request done before it answers
            beans.registerBean("openApiContract", FilterRegistrationBean.class, () -> {
                var filter = new FilterRegistrationBean<>(new OpenApiContractFilter());
                filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
                return filter;
            });
        }
    }
}
