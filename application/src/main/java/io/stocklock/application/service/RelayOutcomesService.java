package io.stocklock.application.service;

import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomePublisher;
import java.time.Duration;
import java.util.List;

public class RelayOutcomesService implements RelayOutcomes {

    private final Outbox outbox;
    private final OutcomePublisher publisher;
    private final Duration lease;

    /** @param lease how long a claim lasts: longer than a publish can take, short enough to recover quickly */
    public RelayOutcomesService(Outbox outbox, OutcomePublisher publisher, Duration lease) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.lease = lease;
    }

    @Override
    public int relay(RelayOutcomesCommand command) {
        List<Outbox.PendingOutcome> claimed = outbox.claim(command.limit(), lease);
        if (claimed.isEmpty()) {
            return 0;
        }
        // no lock is held here: if publishing fails, the claim runs out and the events are published later
        publisher.publish(claimed);
        outbox.markPublished(claimed.stream().map(outcome -> outcome.event().eventId()).toList());
        return claimed.size();
    }
}
