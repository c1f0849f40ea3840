package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.RelayOutcomes.RelayOutcomesCommand;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailAndRelayServicesTest extends ServiceTestSupport {

    private final FailReservationService fail = new FailReservationService(ports.transactions(),
            ports.reservations(), ports.events(), clock);

    @Test
    void aPendingRequestFailsWithTheReason() {
        var request = request(ReservationLine.of("A", 1));
        ports.transactions().inTransaction(() ->
                ports.reservations().insertIfAbsent(List.of(Reservation.pending(request, clock.instant()))));

        assertThat(fail.fail(new FailReservationCommand(request.id(), "alice", "intake unavailable"))).isTrue();

        Reservation failed = getReservation.get(request.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ReservationStatus.FAILED);
        assertThat(failed.reason()).contains("intake unavailable");
        assertThat(stores.appendedEvents()).extracting(OutcomeEvent::status)
                .containsExactly(ReservationStatus.FAILED);
    }

    @Test
    void onlyTheOwnersFailureFailsAPendingRequest() {
        var request = request(ReservationLine.of("A", 1));
        ports.transactions().inTransaction(() ->
                ports.reservations().insertIfAbsent(List.of(Reservation.pending(request, clock.instant()))));

        assertThat(fail.fail(new FailReservationCommand(request.id(), "mallory", "not JSON"))).isFalse();
        assertThat(fail.fail(new FailReservationCommand(request.id(), null, "not JSON"))).isFalse();

        assertThat(getReservation.get(request.id()).orElseThrow().status()).isEqualTo(ReservationStatus.PENDING);
        assertThat(stores.appendedEvents()).isEmpty();
    }

    @Test
    void anUnseenRequestIsRecordedAsFailedAndArrivingLaterChangesNothing() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 1));

        assertThat(fail.fail(new FailReservationCommand(request.id(), null, "quantity must be positive"))).isTrue();
        List<RequestOutcome> later = process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(getReservation.get(request.id()).orElseThrow().owner()).isEqualTo("unknown");
        assertThat(later).singleElement().isInstanceOf(RequestOutcome.Conflicting.class);
        assertThat(getStock.find(request.lines().get(0).sku()).orElseThrow().reserved()).isZero();
    }

    @Test
    void aDecidedRequestKeepsItsDecision() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 1));
        process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(fail.fail(new FailReservationCommand(request.id(), "alice", "late duplicate"))).isFalse();
        assertThat(fail.fail(new FailReservationCommand(ReservationId.generate(), "x", "twice"))).isTrue();

        assertThat(getReservation.get(request.id()).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void relayPublishesOnceAndRetriesWhatFailedToPublish() {
        stock("A", 5);
        List<OutcomeEvent> delivered = new ArrayList<>();
        var failing = new boolean[] {true};
        var relay = new RelayOutcomesService(ports.transactions(), ports.outbox(), outcomes -> {
            if (failing[0]) {
                throw new IllegalStateException("broker down");
            }
            delivered.addAll(outcomes);
        });
        var sold = request(ReservationLine.of("A", 1));
        var given = request(ReservationLine.of("A", 2));
        process.process(new ProcessReservationsCommand(List.of(sold, given)));
        confirm.confirm(new ConfirmReservationCommand(sold.id()));
        release.release(new ReleaseReservationCommand(given.id()));

        assertThatThrownBy(() -> relay.relay(new RelayOutcomesCommand(10))).hasMessage("broker down");
        failing[0] = false;

        assertThat(relay.relay(new RelayOutcomesCommand(10))).isEqualTo(2);
        assertThat(relay.relay(new RelayOutcomesCommand(10))).isZero();
        assertThat(delivered).extracting(OutcomeEvent::status)
                .containsExactly(ReservationStatus.CONFIRMED, ReservationStatus.RELEASED);
        assertThat(delivered).extracting(OutcomeEvent::lines).as("published with what the event reports")
                .containsExactly(sold.lines(), given.lines());
    }
}
