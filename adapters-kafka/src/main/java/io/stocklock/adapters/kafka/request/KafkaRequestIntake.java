package io.stocklock.adapters.kafka.request;

import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Produces requests to the requests topic, keyed by their smallest SKU so one SKU's requests stay in order on one
 * partition. Returns only after the broker acknowledged the record ({@code acks=all}, idempotent producer).
 */
public class KafkaRequestIntake implements RequestIntake {

    private final KafkaOperations<String, Object> kafka;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    public KafkaRequestIntake(KafkaOperations<String, Object> kafka, String topic, Duration timeout, Clock clock) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void submit(ReservationRequest request) {
        var message = ReservationRequestMessage.from(request, clock.instant());
        try {
            kafka.send(topic, request.lines().get(0).sku().value(), message)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IntakeUnavailableException("the request topic did not acknowledge request " + request.id()
                    + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeUnavailableException("interrupted while submitting request " + request.id(), e);
        }
    }
}
