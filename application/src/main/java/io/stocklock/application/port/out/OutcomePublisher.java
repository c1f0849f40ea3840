package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.List;

/** Delivers outcome events to their consumers. */
public interface OutcomePublisher {

    /**
     * Returns once every event is durably accepted; throws {@link NotPublished} if any is not, so that the caller
     * publishes them again later (consumers drop the duplicates by event id).
     */
    void publish(List<OutcomeEvent> events);

    /** Some events were not accepted: a failure that goes away when the broker is back. */
    class NotPublished extends RuntimeException {
        public NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
