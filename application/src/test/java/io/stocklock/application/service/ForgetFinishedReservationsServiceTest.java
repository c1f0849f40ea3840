package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.application.port.in.ForgetFinishedReservations.ForgetFinishedReservationsCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations.Pace;
import io.stocklock.application.port.in.ForgetFinishedReservations.Retention;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForgetFinishedReservationsServiceTest extends ServiceTestSupport {

    private final ForgetFinishedReservationsService forget = new ForgetFinishedReservationsService(
            ports.transactions(), ports.reservations(), clock);
    private final ForgetFinishedReservationsCommand dueNow = new ForgetFinishedReservationsCommand(
            new Retention(Duration.ZERO), 2);

    @Test
    void aBacklogIsDeletedABatchAfterAnotherUntilNothingIsDue() {
        finished(5);
        List<Integer> batches = new ArrayList<>();

        assertThat(forget.forgetDue(dueNow, new Pace(1), batches::add)).isEqualTo(5);

        assertThat(batches).containsExactly(2, 2, 1);
        assertThat(forget.forget(dueNow)).isZero();
    }

    @Test
    void aRetentionRunThatIsInterruptedStopsAfterItsBatch() {
        finished(5);
        Thread.currentThread().interrupt();
        try {
            // resting after its first full batch, it finds itself interrupted
            assertThat(forget.forgetDue(dueNow, new Pace(0.2), batch -> { })).isEqualTo(2);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(forget.forgetDue(dueNow, new Pace(1), batch -> { })).isEqualTo(3);
    }

    @Test
    void theRestAfterABatchKeepsRetentionBusyAtMostItsShareOfTheTime() {
        assertThat(new Pace(0.2).restAfter(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(400));
        assertThat(new Pace(0.5).restAfter(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
        assertThat(new Pace(1).restAfter(Duration.ofMillis(100))).isZero();
        for (double share : new double[] {0, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new Pace(share)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("busy share");
        }
    }

    private void finished(int count) {
        List<Reservation> rejected = IntStream.range(0, count)
                .mapToObj(i -> Reservation.pending(request(ReservationLine.of("A", 1)), clock.instant())
                        .reject(RejectionCode.INSUFFICIENT_STOCK, "none left", clock.instant()))
                .toList();
        ports.transactions().inTransaction(() -> ports.reservations().insertIfAbsent(rejected));
        clock.advance(Duration.ofSeconds(1));
    }
}
