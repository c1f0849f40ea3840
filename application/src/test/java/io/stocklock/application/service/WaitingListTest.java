package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ExpireReservations.ExpireReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.application.port.in.WaitForStock.JoinCommand;
import io.stocklock.application.port.in.WaitForStock.JoinResult;
import io.stocklock.application.port.in.WaitForStock.LeaveResult;
import io.stocklock.application.port.in.WaitForStock.Place;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitingListTest extends ServiceTestSupport {

    private static final Sku A = Sku.of("A");
    private static final Duration OFFER = Duration.ofMinutes(5);

    private ReservationRequest first;
    private ReservationRequest second;

    /** Three units, all held. */
    @BeforeEach
    void soldOut() {
        stock("A", 3);
        first = request(ReservationLine.of("A", 2));
        second = request(ReservationLine.of("A", 1));
        process.process(new ProcessReservationsCommand(List.of(first, second)));
    }

    @Test
    void joiningSaysThePlaceInLineAndRefusesWhatCannotWait() {
        Place ann = joined("ann", 1);
        Place bob = joined("bob", 2);

        assertThat(ann.position()).contains(1L);
        assertThat(bob.position()).contains(2L);
        assertThat(waitForStock.join(join("ann", 1))).isEqualTo(new JoinResult.AlreadyWaiting(ann.entry().id()));
        assertThat(waitForStock.join(new JoinCommand(Sku.of("NOPE"), "ann", Quantity.of(1), OFFER)))
                .isEqualTo(new JoinResult.UnknownSku(Sku.of("NOPE")));
        joined("cat", 1);
        assertThat(waitForStock.join(join("dan", 1))).isEqualTo(new JoinResult.ListFull(A,
                Services.MAX_WAITING_PER_SKU));
        assertThat(waitForStock.find(bob.entry().id(), "bob").orElseThrow().position()).contains(2L);
        assertThat(waitForStock.find(bob.entry().id(), "mallory")).isEmpty();
    }

    @Test
    void aSkuInStockWithNobodyWaitingIsReservedNotWaitedFor() {
        release.release(new ReleaseReservationCommand(second.id()));
        assertThat(waitForStock.join(join("ann", 1))).isEqualTo(new JoinResult.InStock(A, 1));
        assertThat(waitForStock.join(join("ann", 2))).as("one left: two are worth waiting for")
                .isInstanceOf(JoinResult.Joined.class);
    }

    @Test
    void unitsThatComeBackAreOfferedFirstComeFirstServedAndRefusedToNewcomersUntilTheLineIsServed() {
        Place ann = joined("ann", 2);
        Place bob = joined("bob", 1);

        release.release(new ReleaseReservationCommand(second.id()));
        assertThat(process.serve(10)).as("ann wants 2, 1 came back: bob, behind her, waits too").isZero();
        RequestOutcome newcomer = process.process(new ProcessReservationsCommand(List.of(request(
                ReservationLine.of("A", 1))))).get(0);
        assertThat(((RequestOutcome.Decided) newcomer).reservation().reason())
                .contains("insufficient stock of A: buyers are waiting for it; join its waiting list");

        release.release(new ReleaseReservationCommand(first.id()));
        assertThat(process.serve(10)).isEqualTo(2);

        Reservation annsOffer = getReservation.get(ann.entry().id()).orElseThrow();
        assertThat(annsOffer.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(annsOffer.owner()).isEqualTo("ann");
        assertThat(annsOffer.holdFor()).isEqualTo(OFFER);
        assertThat(getReservation.get(bob.entry().id()).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(waitForStock.find(ann.entry().id(), "ann").orElseThrow())
                .satisfies(place -> {
                    assertThat(place.entry().status()).isEqualTo(WaitingEntry.Status.OFFERED);
                    assertThat(place.position()).isEmpty();
                });
        assertThat(stores.appendedEvents()).filteredOn(event -> event.reservationId().equals(ann.entry().id()))
                .extracting(OutcomeEvent::status).containsExactly(ReservationStatus.RESERVED);
        assertThat(process.serve(10)).as("nothing is offered twice").isZero();
        assertThat(waitForStock.leave(ann.entry().id(), "ann")).contains(LeaveResult.ALREADY_OFFERED);
    }

    @Test
    void anOfferNotConfirmedInTimeExpiresAndPassesToTheNextInLine() {
        Place ann = joined("ann", 1);
        Place bob = joined("bob", 1);
        release.release(new ReleaseReservationCommand(second.id()));
        process.serve(10);

        clock.advance(OFFER.plusSeconds(1));
        expire.expire(new ExpireReservationsCommand(100));
        process.serve(10);

        assertThat(getReservation.get(ann.entry().id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(getReservation.get(bob.entry().id()).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aBuyerLeavesTheLineAndTheOneBehindMovesUp() {
        Place ann = joined("ann", 1);
        Place bob = joined("bob", 1);

        assertThat(waitForStock.leave(ann.entry().id(), "mallory")).isEmpty();
        assertThat(waitForStock.leave(ann.entry().id(), "ann")).contains(LeaveResult.LEFT);

        assertThat(waitForStock.find(ann.entry().id(), "ann")).isEmpty();
        assertThat(waitForStock.find(bob.entry().id(), "bob").orElseThrow().position()).contains(1L);
    }

    private Place joined(String owner, long quantity) {
        JoinResult result = waitForStock.join(join(owner, quantity));
        assertThat(result).isInstanceOf(JoinResult.Joined.class);
        return ((JoinResult.Joined) result).place();
    }

    private static JoinCommand join(String owner, long quantity) {
        return new JoinCommand(A, owner, Quantity.of(quantity), OFFER);
    }
}
