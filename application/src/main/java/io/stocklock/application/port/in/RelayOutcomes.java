package io.stocklock.application.port.in;

/**
 * Publishes outcome events that were committed but not yet published, oldest first. Safe on several instances:
 * each event is claimed by one of them for a while; an event whose publisher died is claimed again later, so events
 * are published at least once.
 */
public interface RelayOutcomes {

    /** @return how many events were published */
    int relay(RelayOutcomesCommand command);

    record RelayOutcomesCommand(int limit) {
        public RelayOutcomesCommand {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
        }
    }
}
