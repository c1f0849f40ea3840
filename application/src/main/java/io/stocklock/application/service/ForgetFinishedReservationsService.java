package io.stocklock.application.service;

import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

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

    @Override
    public long forgetDue(ForgetFinishedReservationsCommand command, Pace pace, IntConsumer batches) {
        long deleted = 0;
        int batch;
        do {
            long started = System.nanoTime();
            batch = forget(command);
            batches.accept(batch);
            deleted += batch;
            if (batch == command.limit()) {
                try {
                    TimeUnit.NANOSECONDS.sleep(pace.restAfter(Duration.ofNanos(System.nanoTime() - started))
                            .toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return deleted;
                }
            }
        } while (batch == command.limit());
        return deleted;
    }
}
