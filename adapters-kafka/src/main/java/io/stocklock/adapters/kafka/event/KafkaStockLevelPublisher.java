package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.domain.stock.StockLevelEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
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
        CompletableFuture<?>[] sends = events.stream().map(event -> kafka.send(record(event)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing " + events.size() + " stock-level events failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing stock-level events", e);
        }
    }

    private ProducerRecord<String, Object> record(StockLevelEvent event) {
        StockLevelMessage message = StockLevelMessage.from(event);
        var record = new ProducerRecord<String, Object>(topic, message.sku(), message);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", message.eventId());
        header(record, "ce_source", KafkaOutcomePublisher.SOURCE);
        header(record, "ce_type", "io.stocklock." + message.type());
        header(record, "ce_subject", message.sku());
        header(record, "ce_time", message.occurredAt());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
