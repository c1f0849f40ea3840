package io.stocklock.adapters.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Settings of the Kafka adapter ({@code stocklock.kafka.*}). Connection settings (servers, security) are Spring
 * Boot's {@code spring.kafka.*}.
 *
 * @param requestsTopic     where reservation requests arrive
 * @param eventsTopic       where outcome events are published
 * @param stockLevelsTopic  where stock-level events (low, sold out, back in stock) are published, keyed by SKU
 * @param deadLetterTopic   where unprocessable requests go, with the reason in headers
 * @param groupId           consumer group of all stocklock instances
 * @param partitions        partitions of the topics created at start-up
 * @param replicationFactor replicas of the topics created at start-up
 * @param retention         how long the topics keep records
 * @param batchSize         most requests decided in one transaction ({@code max.poll.records}); 1 locks per request
 * @param concurrency       consumer threads of one instance: two let one decide while the other publishes its
 *                          batch's events and commits its offsets (docs/adr/0014-kafka-drain.md)
 * @param defaultHold       how long a hold lasts when the request does not say
 * @param sendTimeout       how long a send may take before it counts as failed (delivery timeout)
 * @param relayInterval     how often the outbox is swept for events not yet published
 * @param relayBatchSize    most events published in one go
 */
@ConfigurationProperties("stocklock.kafka")
public record KafkaSettings(
        @DefaultValue("stocklock.reservation-requests") String requestsTopic,
        @DefaultValue("stocklock.reservation-events") String eventsTopic,
        @DefaultValue("stocklock.stock-levels") String stockLevelsTopic,
        @DefaultValue("stocklock.reservation-requests-dlt") String deadLetterTopic,
        @DefaultValue("stocklock") String groupId,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2") int concurrency,
        @DefaultValue("15m") Duration defaultHold,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("500") int relayBatchSize) {

    /** A topic stocklock creates at start-up if it is missing, with these partitions, replicas and retention. */
    public NewTopic topic(String name) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .build();
    }
}
