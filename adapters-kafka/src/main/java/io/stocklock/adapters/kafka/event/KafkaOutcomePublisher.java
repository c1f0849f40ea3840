package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

/** Publishes outcome events keyed by request id, with CloudEvents attributes (binary mode) in headers. */
public class KafkaOutcomePublisher implements OutcomePublisher {

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
        CloudEventRecords.sendAll(kafka, events.stream().map(this::record).toList(), timeout, "outcome events",
                NotPublished::new);
    }

    private ProducerRecord<String, Object> record(OutcomeEvent event) {
        OutcomeEventMessage message = OutcomeEventMessage.from(event);
        return CloudEventRecords.record(topic, message.requestId(), message, message.eventId(), message.type(),
                message.occurredAt());
    }
}
