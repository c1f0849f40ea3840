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

    record ForgetFinishedReservationsCommand(Duration decidedBefore, int limit) {
        public ForgetFinishedReservationsCommand {
            Objects.requireNonNull(decidedBefore, "decidedBefore");
            if (decidedBefore.isNegative() || limit < 1) {
                throw new IllegalArgumentException("retention must not be negative and the limit positive");
            }
        }
    }
}
