package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessReservationsServiceTest extends ServiceTestSupport {

    @Test
    void decidesABatchAndRecordsStockLedgerAndEvents() {
        stock("A", 5);
        stock("B", 1);
        var first = request(ReservationLine.of("A", 4));
        var second = request(ReservationLine.of("A", 2));
        var multi = request(ReservationLine.of("B", 1), ReservationLine.of("A", 1));

        List<RequestOutcome> outcomes = process.process(new ProcessReservationsCommand(List.of(first, second, multi)));

        assertThat(outcomes).extracting(outcome -> ((RequestOutcome.Decided) outcome).reservation().status())
                .containsExactly(ReservationStatus.RESERVED, ReservationStatus.REJECTED, ReservationStatus.RESERVED);
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 5, 5)));
        assertThat(getStock.find(Sku.of("B"))).contains(SkuStock.of(new StockLevel(Sku.of("B"), 1, 1)));
        assertThat(getReservation.get(second.id()).orElseThrow().reason())
                .contains("insufficient stock of A: requested 2, available 1");
        assertThat(getReservation.get(first.id()).orElseThrow().expiresAt()).contains(clock.instant().plus(HOLD));
        assertThat(getStock.movements(Sku.of("A"), 0, 10)).extracting(LedgerEntry::movement).containsExactly(
                StockMovement.ofStock(StockMovement.Kind.CREATED, Sku.of("A"), LocationId.DEFAULT, 5, "created"),
                StockMovement.forReservation(StockMovement.Kind.RESERVED, Sku.of("A"), LocationId.DEFAULT, 0, 4, first.id()),
                StockMovement.forReservation(StockMovement.Kind.RESERVED, Sku.of("A"), LocationId.DEFAULT, 0, 1, multi.id()));
        assertThat(stores.publishedEvents()).extracting(OutcomeEvent::status, OutcomeEvent::reservationId)
                .containsExactly(
                        tuple(ReservationStatus.RESERVED, first.id()),
                        tuple(ReservationStatus.REJECTED, second.id()),
                        tuple(ReservationStatus.RESERVED, multi.id()));
        assertThat(stores.appendedEvents()).as("decisions do not go through the outbox").isEmpty();
    }

    @Test
    void aDecisionWhoseEventsTheBrokerRefusedIsPublishedWhenItsRequestComesAgain() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 2));
        stores.brokerDown(true);

        assertThatThrownBy(() -> process.process(new ProcessReservationsCommand(List.of(request))))
                .isInstanceOf(OutcomePublisher.NotPublished.class);
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).as("the decision committed").isEqualTo(2);
        assertThat(stores.publishedEvents()).isEmpty();

        stores.brokerDown(false);
        List<RequestOutcome> again = process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(again).singleElement().isInstanceOf(RequestOutcome.AlreadyDecided.class);
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(2);
        assertThat(stores.publishedEvents()).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(ReservationStatus.RESERVED);
            assertThat(event.reservationId()).isEqualTo(request.id());
        });
    }

    @Test
    void aRequestDeliveredAgainAfterItsHoldEndedRepublishesItsDecisionUnderTheSameEventId() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 2));
        process.process(new ProcessReservationsCommand(List.of(request)));
        confirm.confirm(new ConfirmReservation.ConfirmReservationCommand(request.id()));

        process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(stores.publishedEvents()).hasSize(2).allSatisfy(event -> {
            assertThat(event.status()).isEqualTo(ReservationStatus.RESERVED);
            assertThat(event.eventId()).isEqualTo(stores.publishedEvents().get(0).eventId());
        });
        assertThat(stores.appendedEvents()).extracting(OutcomeEvent::status)
                .containsExactly(ReservationStatus.CONFIRMED);
    }

    @Test
    void aRedeliveredRequestChangesNothing() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 2));
        process.process(new ProcessReservationsCommand(List.of(request)));

        List<RequestOutcome> again = process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(again).singleElement().isInstanceOfSatisfying(RequestOutcome.AlreadyDecided.class,
                outcome -> assertThat(outcome.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(2);
        assertThat(stores.publishedEvents()).as("published again, the same event").hasSize(2)
                .extracting(OutcomeEvent::eventId).containsOnly(stores.publishedEvents().get(0).eventId());
    }

    @Test
    void aDuplicateInsideOneBatchIsDecidedOnce() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 2));

        List<RequestOutcome> outcomes = process.process(new ProcessReservationsCommand(List.of(request, request)));

        assertThat(outcomes.get(0)).isInstanceOf(RequestOutcome.Decided.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(RequestOutcome.AlreadyDecided.class,
                outcome -> assertThat(outcome.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(2);
    }

    @Test
    void theSameIdWithADifferentPayloadIsAConflictAndChangesNothing() {
        stock("A", 5);
        var original = request(ReservationLine.of("A", 2));
        var impostor = new ReservationRequest(original.id(), "alice", List.of(ReservationLine.of("A", 3)), HOLD);

        List<RequestOutcome> outcomes = process.process(new ProcessReservationsCommand(List.of(original, impostor)));
        List<RequestOutcome> later = process.process(new ProcessReservationsCommand(List.of(impostor)));

        assertThat(outcomes.get(1)).isInstanceOf(RequestOutcome.Conflicting.class);
        assertThat(later).singleElement().isInstanceOfSatisfying(RequestOutcome.Conflicting.class,
                conflict -> assertThat(conflict.existing().lines()).containsExactly(ReservationLine.of("A", 2)));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(2);
    }

    @Test
    void aRequestWrittenPendingBeforehandIsDecidedWhenItArrives() {
        stock("A", 5);
        var request = request(ReservationLine.of("A", 2));
        ports.transactions().inTransaction(() -> {
            ports.reservations().insertIfAbsent(List.of(
                    Reservation.pending(request, clock.instant())));
            return null;
        });

        List<RequestOutcome> outcomes = process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(outcomes).singleElement().isInstanceOf(RequestOutcome.Decided.class);
        assertThat(getReservation.get(request.id()).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void unknownSkuIsABusinessRejection() {
        var request = request(ReservationLine.of("GHOST", 1));

        process.process(new ProcessReservationsCommand(List.of(request)));

        assertThat(getReservation.get(request.id()).orElseThrow().reason()).contains("unknown SKU GHOST");
        assertThat(stores.publishedEvents()).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo(Optional.of("unknown SKU GHOST")));
    }

    @Test
    void anEmptyBatchTouchesNothing() {
        assertThat(process.process(new ProcessReservationsCommand(List.of()))).isEmpty();
        assertThat(stores.publishedEvents()).isEmpty();
    }
}
