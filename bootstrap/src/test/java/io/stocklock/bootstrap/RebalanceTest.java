package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.adapters.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * No stop-the-world rebalances: when a member joins the request consumer group (another instance starting), only the
 * partitions that move to it are taken from this instance's consumers; the others are never revoked, so their
 * requests are decided throughout. With the Kafka client's default assignor (range, eager), every member gives up
 * every partition at every join and leave.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestServers.class)
class RebalanceTest {

    @Autowired
    KafkaSettings settings;
    @Autowired
    ConsumerFactory<Object, Object> consumerFactory;
    @Autowired
    @Qualifier("reservationRequestListenerContainer")
    ConcurrentMessageListenerContainer<Object, Object> requestConsumers;
    @Autowired
    MeterRegistry registry;

    @Test
    void aJoiningMemberTakesOnlyThePartitionsThatMove() {
        // settled: every consumer of this instance holds partitions (until the second one has joined, the first may
        // hold them all and is about to give one up)
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Collection<TopicPartition>> byConsumer = requestConsumers.getAssignmentsByClientId();
            return byConsumer != null && byConsumer.size() == settings.concurrency()
                    && byConsumer.values().stream().noneMatch(Collection::isEmpty)
                    && requestConsumers.getAssignedPartitions().size() == settings.partitions();
        });
        double revokedBefore = revoked();

        // another member of the group, with the settings of this instance's request consumers
        try (Consumer<Object, Object> joining = consumerFactory.createConsumer(settings.groupId(), "joining", null,
                requestConsumers.getContainerProperties().getKafkaConsumerProperties())) {
            joining.subscribe(List.of(settings.requestsTopic()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                joining.poll(Duration.ofMillis(100));
                // balanced: this instance's two consumers and the new member hold a third of the partitions each
                return joining.assignment().size() == settings.partitions() / 3
                        && requestConsumers.getAssignedPartitions().size() == settings.partitions() * 2 / 3;
            });
            Set<TopicPartition> moved = joining.assignment();

            assertThat(revoked() - revokedBefore).as("partitions this instance gave up")
                    .isEqualTo(moved.size());
            assertThat(requestConsumers.getAssignedPartitions()).doesNotContainAnyElementsOf(moved);
        }
    }

    private double revoked() {
        return registry.get("stocklock.request.partitions.revoked").counter().count();
    }
}
