package io.stocklock.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * What operators watch: the outbox backlog as a metric, Kafka in the readiness check next to the database, and the
 * request consumer's partitions and lag in the health details.
 */
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

    /** How long the broker's last answer stands for every probe that asks. */
    static final Duration BROKER_ASKED_EVERY = Duration.ofSeconds(5);

    /**
     * Ready only while a Kafka broker answers within two seconds, asked at most every {@link #BROKER_ASKED_EVERY}
     * however many probes come.
     */
    @Bean
    HealthIndicator kafkaHealthIndicator(AdminClient healthAdminClient) {
        return new CachedHealthIndicator(() -> {
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
        }, BROKER_ASKED_EVERY, System::nanoTime);
    }

    /**
     * The request consumer: DOWN when its container is not running; its details name the partitions this instance
     * decides and how many records its consumers are behind on them. Not part of readiness: an instance that owns no
     * partition (more instances than partitions, or a rebalance under way) still decides the buyers who wait at its
     * door, which need only the database.
     */
    @Bean
    HealthIndicator requestConsumerHealthIndicator(
            ConcurrentMessageListenerContainer<Object, Object> reservationRequestListenerContainer) {
        return () -> {
            var container = reservationRequestListenerContainer;
            List<String> partitions = container.getAssignedPartitions().stream()
                    .map(partition -> partition.topic() + "-" + partition.partition()).sorted().toList();
            long lag = container.metrics().values().stream()
                    .flatMap(metrics -> metrics.entrySet().stream())
                    .filter(metric -> metric.getKey().name().equals("records-lag")
                            && metric.getKey().tags().containsKey("partition"))
                    .mapToDouble(metric -> metric.getValue().metricValue() instanceof Double value
                            && Double.isFinite(value) ? value : 0)
                    .mapToLong(Math::round).sum();
            return (container.isRunning() ? Health.up() : Health.down())
                    .withDetail("partitions", partitions)
                    .withDetail("lag", lag)
                    .build();
        };
    }
}
