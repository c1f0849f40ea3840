package io.stocklock.application.service;

import io.stocklock.application.port.in.ExpireReservations;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

public class ExpireReservationsService implements ExpireReservations {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final HoldSettlement settlement;
    private final Clock clock;

    public ExpireReservationsService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                     StockLedger ledger, OutcomeEvents events, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.settlement = new HoldSettlement(reservations, inventory, ledger, events);
        this.clock = clock;
    }

    @Override
    public int expire(ExpireReservationsCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            List<Reservation> expired = reservations.lockLapsed(now, command.limit()).stream()
                    .map(reservation -> reservation.expire(now))
                    .filter(Transition.Changed.class::isInstance)
                    .map(Transition::current)
                    .toList();
            settlement.settle(expired, now);
            return expired.size();
        });
    }
}
