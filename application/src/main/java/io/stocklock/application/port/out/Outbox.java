package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The events {@link OutcomeEvents} appended and not published yet: an event leaves the outbox when it is published.
 */
public interface Outbox {

    /**
     * Locks up to {@code limit} events, oldest first, skipping those another transaction holds (another publisher's),
     * until the caller's transaction ends. Only inside a transaction.
     */
    List<OutcomeEvent> lockUnpublished(int limit);

    /** Takes published events out of the outbox; in the transaction that locked them. */
    void markPublished(Collection<UUID> eventIds);
}
