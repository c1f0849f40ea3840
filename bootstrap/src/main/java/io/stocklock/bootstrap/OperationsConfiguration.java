package io.stocklock.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** What operators watch: the outbox backlog as a metric, and Kafka in the readiness check next to the database. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    MeterBinder outboxBacklog(JdbcOutbox outbox) {
        return registry -> Gauge.builder("stocklock.outbox.backlog", outbox, JdbcOutbox::backlog)
                .description("outcome events committed but not yet published").register(registry);
    }

    @Bean(destroyMethod = "close")
    AdminClient healthAdminClient(KafkaAdmin kafkaAdmin) {
        return AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    /** Ready only while a Kafka broker answers within two seconds. */
    @Bean
    HealthIndicator kafkaHealthIndicator(AdminClient healthAdminClient) {
        return () -> {
            try {
                var cluster = healthAdminClient.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
                return Health.up()
                        .withDetail("clusterId", cluster.clusterId().get(2, TimeUnit.SECONDS))
                        .withDetail("brokers", cluster.nodes().get(2, TimeUnit.SECONDS).size())
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down(e).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
