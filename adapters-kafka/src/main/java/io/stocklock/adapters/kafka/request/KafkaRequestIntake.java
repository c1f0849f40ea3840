package io.stocklock.adapters.kafka.request;

import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Produces requests to the requests topic, keyed by their smallest SKU so one SKU's requests stay in order on one
 * partition. The returned future completes when the broker acknowledged the record ({@code acks=all}, idempotent
 * producer), or fails when the producer's delivery timeout ran out; the caller's thread never waits for the broker.
 */
public class KafkaRequestIntake implements RequestIntake {

    private final KafkaOperations<String, Object> kafka;
    private final String topic;
    private final Clock clock;

    public KafkaRequestIntake(KafkaOperations<String, Object> kafka, String topic, Clock clock) {
        this.kafka = kafka;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> submit(ReservationRequest request) {
        var message = ReservationRequestMessage.from(request, clock.instant());
        try {
            return kafka.send(topic, request.lines().get(0).sku().value(), message).thenApply(sent -> null);
        } catch (RuntimeException e) {
            // the producer refused before sending (no metadata within max.block.ms, buffer full)
            return CompletableFuture.failedFuture(e);
        }
    }
}
