package io.stocklock.application.service;

import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.List;

/**
 * Publishes the outbox's events, oldest first, in one transaction per batch: the batch is locked (other relays skip
 * it), published, and taken out of the outbox when the broker has it. If publishing fails, the transaction rolls back
 * and the events stay for the next round; if the commit is lost after publishing, they are published again with the
 * same event ids.
 */
public class RelayOutcomesService implements RelayOutcomes {

    private final Transactions transactions;
    private final Outbox outbox;
    private final OutcomePublisher publisher;

    public RelayOutcomesService(Transactions transactions, Outbox outbox, OutcomePublisher publisher) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @Override
    public int relay(RelayOutcomesCommand command) {
        return transactions.inTransaction(() -> {
            List<OutcomeEvent> locked = outbox.lockUnpublished(command.limit());
            if (locked.isEmpty()) {
                return 0;
            }
            publisher.publish(locked);
            outbox.markPublished(locked.stream().map(OutcomeEvent::eventId).toList());
            return locked.size();
        });
    }
}
