package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.domain.reservation.OutcomeEvent;
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

/** Publishes outcome events keyed by request id, with CloudEvents attributes (binary mode) in headers. */
public class KafkaOutcomePublisher implements OutcomePublisher {

    static final String SOURCE = "/stocklock";

    private final KafkaOperations<String, Object> kafka;
    private final String topic;
    private final Duration timeout;

    public KafkaOutcomePublisher(KafkaOperations<String, Object> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<OutcomeEvent> events) {
        CompletableFuture<?>[] sends = events.stream()
                .map(event -> kafka.send(record(event)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotPublished("publishing " + events.size() + " outcome events failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("interrupted while publishing outcome events", e);
        }
    }

    private ProducerRecord<String, Object> record(OutcomeEvent event) {
        OutcomeEventMessage message = OutcomeEventMessage.from(event);
        var record = new ProducerRecord<String, Object>(topic, message.requestId(), message);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", message.eventId());
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", "io.stocklock." + message.type());
        header(record, "ce_subject", message.requestId());
        header(record, "ce_time", message.occurredAt());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
