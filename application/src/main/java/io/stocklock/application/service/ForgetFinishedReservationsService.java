package io.stocklock.application.service;

import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import java.time.Clock;

public class ForgetFinishedReservationsService implements ForgetFinishedReservations {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final Clock clock;

    public ForgetFinishedReservationsService(Transactions transactions, ReservationStore reservations, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.clock = clock;
    }

    @Override
    public int forget(ForgetFinishedReservationsCommand command) {
        return transactions.inTransaction(() -> reservations.deleteFinished(
                clock.instant().minus(command.retention().kept()), command.limit()));
    }
}
