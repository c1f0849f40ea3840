package io.stocklock.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes reservations that are over for good (confirmed, released, expired, rejected, failed) and were decided
 * longer ago than the retention, with their lines and their published events, a batch at a time. The stock ledger
 * is kept whole, so stock stays explainable. A request delivered again after its reservation is gone is not decided
 * again ({@link Retention#mayHaveForgotten}). Safe to run on several instances at once.
 */
public interface ForgetFinishedReservations {

    /** @return how many reservations were deleted */
    int forget(ForgetFinishedReservationsCommand command);

    /** @param retention how long after its decision a finished reservation is kept */
    record ForgetFinishedReservationsCommand(Retention retention, int limit) {
        public ForgetFinishedReservationsCommand {
            Objects.requireNonNull(retention, "retention");
            if (limit < 1) {
                throw new IllegalArgumentException("the limit must be positive");
            }
        }
    }

    /**
     * How long a finished reservation is kept after its decision: as long as its id, and so its Idempotency-Key, is
     * remembered.
     */
    record Retention(Duration kept) {
        public Retention {
            Objects.requireNonNull(kept, "kept");
            if (kept.isNegative()) {
                throw new IllegalArgumentException("retention must not be negative");
            }
        }

        /**
         * Whether a request sent at {@code sentAt} may have been decided and its reservation deleted by {@code now}:
         * a reservation is deleted no sooner than {@link #kept} after its decision, which came after the request was
         * sent. Deciding such a request again could apply it a second time, perhaps at another location.
         */
        public boolean mayHaveForgotten(Instant sentAt, Instant now) {
            return !sentAt.plus(kept).isAfter(now);
        }
    }
}
