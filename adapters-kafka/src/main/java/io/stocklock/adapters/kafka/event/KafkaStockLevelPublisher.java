package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.domain.stock.StockLevelEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Publishes stock-level events keyed by SKU, in the order given, with CloudEvents attributes in headers. The producer
 * is idempotent, so retries within a send keep each partition's order.
 */
public class KafkaStockLevelPublisher implements StockLevelPublisher {

    private final KafkaOperations<String, Object> kafka;
    private final String topic;
    private final Duration timeout;

    public KafkaStockLevelPublisher(KafkaOperations<String, Object> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<StockLevelEvent> events) {
        CloudEventRecords.sendAll(kafka, events.stream().map(this::record).toList(), timeout, "stock-level events",
                IllegalStateException::new);
    }

    private ProducerRecord<String, Object> record(StockLevelEvent event) {
        StockLevelMessage message = StockLevelMessage.from(event);
        return CloudEventRecords.record(topic, message.sku(), message, message.eventId(), message.type(),
                message.occurredAt());
    }
}
