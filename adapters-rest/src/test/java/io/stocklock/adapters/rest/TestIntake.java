package io.stocklock.adapters.rest;

import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The intake as the controller tests need it: down, holding requests, or deciding them at once like the consumer. */
class TestIntake implements RequestIntake {

    enum Mode { DECIDE, HOLD, DOWN }

    private final ProcessReservations processReservations;
    volatile Mode mode = Mode.DECIDE;

    TestIntake(ProcessReservations processReservations) {
        this.processReservations = processReservations;
    }

    @Override
    public CompletableFuture<Void> submit(ReservationRequest request) {
        return switch (mode) {
            case DOWN -> CompletableFuture.failedFuture(new IllegalStateException("no broker within 10s"));
            case DECIDE -> CompletableFuture.runAsync(
                    () -> processReservations.process(new ProcessReservationsCommand(List.of(request))));
            case HOLD -> CompletableFuture.completedFuture(null);
        };
    }
}
