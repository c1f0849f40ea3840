package io.stocklock.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Deletes reservations that are over for good (confirmed, released, expired, rejected, failed) and were decided
 * longer ago than the retention, with their lines and their published events, a batch at a time. The stock ledger
 * is kept whole, so stock stays explainable. A request delivered again after its reservation is gone is not decided
 * again ({@link Retention#mayHaveForgotten}). Safe to run on several instances at once.
 */
public interface ForgetFinishedReservations {

    /**
     * One batch.
     *
     * @return how many reservations were deleted
     */
    int forget(ForgetFinishedReservationsCommand command);

    /**
     * Everything due, a batch after another, at the given pace: a backlog (after a sale, or a long pause) is worked
     * off without taking the database from the decisions. Stops early, with the interrupt flag set, when the thread is
     * interrupted.
     *
     * @param batches told how many each batch deleted
     * @return how many reservations were deleted
     */
    long forgetDue(ForgetFinishedReservationsCommand command, Pace pace, IntConsumer batches);

    /**
     * @param busyShare most of the time retention keeps the database busy (above 0, at most 1): after each batch it
     *                  rests for the rest
     */
    record Pace(double busyShare) {

        /** The service's default: a fifth of the time at most. */
        public static final String DEFAULT_BUSY_SHARE = "0.2";

        public Pace {
            if (!(busyShare > 0 && busyShare <= 1)) {
                throw new IllegalArgumentException("retention's busy share must be above 0 and at most 1, not "
                        + busyShare);
            }
        }

        /** How long to rest after a batch that took {@code busy}. */
        public Duration restAfter(Duration busy) {
            return Duration.ofNanos((long) (busy.toNanos() * (1 - busyShare) / busyShare));
        }
    }

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
