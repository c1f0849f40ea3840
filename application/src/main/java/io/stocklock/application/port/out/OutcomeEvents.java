package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.Collection;

/**
 * Outcome events of reservations kept in an outbox: appending happens in the transaction of the transition it
 * reports, so an event exists if and only if its transition committed; publishing it happens afterwards. The Kafka
 * intake's decisions do not go through here: their events are published after the batch commits and again whenever
 * the request is delivered again (see {@code ProcessReservations}); the door's do.
 */
public interface OutcomeEvents {

    /** Appends events; an event appended again (the same event id) is kept once. */
    void append(Collection<OutcomeEvent> events);
}
