package io.stocklock.application.port.out;

import java.util.List;

/** Delivers outcome events to their consumers. */
public interface OutcomePublisher {

    /** Returns once every event is durably accepted; throws if any is not, so none is marked published. */
    void publish(List<Outbox.PendingOutcome> outcomes);
}
