package io.stocklock.application.port.in;

/** Ends holds whose time is up and puts their stock back on sale. Safe to run on several instances at once. */
public interface ExpireReservations {

    /** @return how many holds were expired */
    int expire(ExpireReservationsCommand command);

    record ExpireReservationsCommand(int limit) {
        public ExpireReservationsCommand {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
        }
    }
}
