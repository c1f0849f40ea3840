package io.stocklock.application.service;

import io.stocklock.application.port.in.RepublishStalePending;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public class RepublishStalePendingService implements RepublishStalePending {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final RequestIntake intake;
    private final Clock clock;

    public RepublishStalePendingService(Transactions transactions, ReservationStore reservations,
                                        RequestIntake intake, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public int republish(RepublishStalePendingCommand command) {
        Instant now = clock.instant();
        List<Reservation> stale = transactions.inTransaction(() ->
                reservations.claimStalePending(now.minus(command.olderThan()), now, command.limit()));
        // the claim is committed: no lock is held while the intake is called; an unsent one is tried next age
        CompletableFuture.allOf(stale.stream().map(reservation -> intake.submit(reservation.request()))
                .toArray(CompletableFuture[]::new)).join();
        return stale.size();
    }
}
