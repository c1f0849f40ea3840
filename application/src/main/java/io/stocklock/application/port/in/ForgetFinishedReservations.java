package io.stocklock.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Deletes reservations that are over for good (confirmed, released, expired, rejected, failed) and were decided
 * longer ago than the retention, with their lines and their published events, a batch at a time. The stock ledger
 * is kept whole, so stock stays explainable; a request id is never applied twice even after its reservation is gone
 * (the ledger refuses a second movement of one id). Safe to run on several instances at once.
 */
public interface ForgetFinishedReservations {

    /** @return how many reservations were deleted */
    int forget(ForgetFinishedReservationsCommand command);

    /** @param kept how long after its decision a finished reservation is kept */
    record ForgetFinishedReservationsCommand(Duration kept, int limit) {
        public ForgetFinishedReservationsCommand {
            Objects.requireNonNull(kept, "kept");
            if (kept.isNegative() || limit < 1) {
                throw new IllegalArgumentException("retention must not be negative and the limit positive");
            }
        }
    }
}
