package io.stocklock.application.service;

import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Clock;
import java.util.List;

public class SubmitReservationService implements SubmitReservation {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final RequestIntake intake;
    private final FailReservation failReservation;
    private final Clock clock;

    public SubmitReservationService(Transactions transactions, ReservationStore reservations, RequestIntake intake,
                                    FailReservation failReservation, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.intake = intake;
        this.failReservation = failReservation;
        this.clock = clock;
    }

    @Override
    public SubmitResult submit(SubmitReservationCommand command) {
        ReservationRequest request = command.request();
        Reservation pending = Reservation.pending(request, clock.instant());
        boolean inserted = transactions.inTransaction(() -> reservations.insertIfAbsent(List.of(pending)))
                .contains(request.id());
        if (!inserted) {
            Reservation existing = reservations.find(request.id()).orElseThrow();
            if (!existing.matches(request)) {
                return new SubmitResult.Conflicting(existing);
            }
            if (existing.status().isDecided()) {
                return new SubmitResult.AlreadyDecided(existing);
            }
            // still PENDING: its first submission may never have reached the intake; handing it over again is safe
        }
        try {
            intake.submit(request); // no transaction and no lock is held while waiting for the broker
            return new SubmitResult.Accepted(inserted ? pending : reservations.find(request.id()).orElseThrow());
        } catch (RequestIntake.IntakeUnavailableException e) {
            String reason = "intake unavailable: " + e.getMessage();
            boolean failed = failReservation.fail(new FailReservationCommand(request.id(), request.owner(), reason));
            Reservation now = reservations.find(request.id()).orElseThrow();
            // not failed: the record reached the broker after all and was decided first; that decision stands
            return failed ? new SubmitResult.Unavailable(now, reason) : new SubmitResult.AlreadyDecided(now);
        }
    }
}
