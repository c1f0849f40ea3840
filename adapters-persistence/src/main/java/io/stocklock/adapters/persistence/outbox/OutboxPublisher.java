package io.stocklock.adapters.persistence.outbox;

import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.List;

/**
 * "Publishes" decisions' outcome events into the outbox, for a host that imports the modules without a broker and
 * reads or relays the outbox itself: an event published again is stored once.
 */
public class OutboxPublisher implements OutcomePublisher {

    private final OutcomeEvents outbox;

    public OutboxPublisher(OutcomeEvents outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(List<OutcomeEvent> events) {
        outbox.append(events);
    }
}
