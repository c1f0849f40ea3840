package io.stocklock.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Hands requests that are still PENDING after a while to the intake again: the process that took them in may have
 * died before the intake had them. Deciding is idempotent, so a request that was in the intake all along is simply
 * skipped when it comes round again. Nothing stays PENDING forever.
 */
public interface RepublishStalePending {

    /** @return how many requests were handed over again */
    int republish(RepublishStalePendingCommand command);

    /** @param olderThan how long a request may stay PENDING before it is handed over again */
    record RepublishStalePendingCommand(Duration olderThan, int limit) {
        public RepublishStalePendingCommand {
            Objects.requireNonNull(olderThan, "olderThan");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
        }
    }
}
