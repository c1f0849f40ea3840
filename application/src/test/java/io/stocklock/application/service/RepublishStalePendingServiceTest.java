package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.RepublishStalePending.RepublishStalePendingCommand;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RepublishStalePendingServiceTest extends ServiceTestSupport {

    private final List<ReservationRequest> handedOver = new ArrayList<>();
    private final RepublishStalePendingService republish = new RepublishStalePendingService(ports.transactions(),
            ports.reservations(), request -> {
                handedOver.add(request);
                process.process(new ProcessReservationsCommand(List.of(request)));
                return CompletableFuture.completedFuture(null);
            }, clock);

    @Test
    void aRequestLeftPendingIsHandedOverAgainAndDecided() {
        stock("A", 5);
        var orphan = request(ReservationLine.of("A", 2));
        ports.transactions().inTransaction(() ->
                ports.reservations().insertIfAbsent(List.of(Reservation.pending(orphan, clock.instant()))));
        var command = new RepublishStalePendingCommand(Duration.ofSeconds(30), 100);

        assertThat(republish.republish(command)).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(republish.republish(command)).isEqualTo(1);

        assertThat(handedOver).containsExactly(orphan);
        assertThat(getReservation.get(orphan.id()).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(republish.republish(command)).isZero();
    }
}
