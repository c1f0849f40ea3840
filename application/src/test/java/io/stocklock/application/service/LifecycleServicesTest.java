package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ExpireReservations.ExpireReservationsCommand;
import io.stocklock.application.port.in.ExtendHold.ExtendHoldCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.reservation.Transition;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleServicesTest extends ServiceTestSupport {

    private ReservationRequest held;

    @BeforeEach
    void holdSomeStock() {
        stock("A", 10);
        stock("B", 10);
        held = request(ReservationLine.of("A", 3), ReservationLine.of("B", 1));
        process.process(new ProcessReservationsCommand(List.of(held)));
    }

    @Test
    void confirmSellsTheHeldStock() {
        Transition transition = confirm.confirm(new ConfirmReservationCommand(held.id())).orElseThrow();

        assertThat(transition).isInstanceOf(Transition.Changed.class);
        // a confirmation sells what was held: on-hand changes, and so does the version
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 7, 0, 1)));
        assertThat(getStock.find(Sku.of("B"))).contains(SkuStock.of(new StockLevel(Sku.of("B"), 9, 0, 1)));
        assertThat(lastMovement("A")).isEqualTo(
                StockMovement.forReservation(StockMovement.Kind.CONFIRMED, Sku.of("A"), LocationId.DEFAULT, -3, -3, held.id()));
        assertThat(lastEvent().status()).isEqualTo(ReservationStatus.CONFIRMED);
    }

    @Test
    void onlyTheOwnerMayConfirmReleaseOrExtendAndAnotherCallerSeesNothingToChange() {
        String owner = held.owner();
        var someoneElse = java.util.Optional.of("mallory");

        assertThat(confirm.confirm(new ConfirmReservationCommand(held.id(), someoneElse))).isEmpty();
        assertThat(release.release(new ReleaseReservationCommand(held.id(), someoneElse))).isEmpty();
        assertThat(extend.extend(new ExtendHoldCommand(held.id(), Duration.ofMinutes(20), someoneElse))).isEmpty();
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 10, 3)));
        assertThat(stores.appendedEvents()).isEmpty();

        assertThat(release.release(new ReleaseReservationCommand(held.id(), java.util.Optional.of(owner)))
                .orElseThrow().current().status()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void confirmingTwiceChangesStockOnce() {
        confirm.confirm(new ConfirmReservationCommand(held.id()));
        Transition again = confirm.confirm(new ConfirmReservationCommand(held.id())).orElseThrow();

        assertThat(again).isInstanceOf(Transition.Unchanged.class);
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 7, 0, 1)));
        assertThat(stores.appendedEvents()).extracting(OutcomeEvent::status)
                .containsExactly(ReservationStatus.CONFIRMED);
    }

    @Test
    void releasePutsStockBackOnSale() {
        Transition transition = release.release(new ReleaseReservationCommand(held.id())).orElseThrow();

        assertThat(transition.current().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 10, 0)));
        assertThat(lastMovement("B")).isEqualTo(
                StockMovement.forReservation(StockMovement.Kind.RELEASED, Sku.of("B"), LocationId.DEFAULT, 0, -1, held.id()));
        assertThat(release.release(new ReleaseReservationCommand(held.id())).orElseThrow())
                .isInstanceOf(Transition.Unchanged.class);
        assertThat(confirm.confirm(new ConfirmReservationCommand(held.id())).orElseThrow())
                .isInstanceOfSatisfying(Transition.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(Transition.RefusalCode.ALREADY_RELEASED));
    }

    @Test
    void confirmingALapsedHoldExpiresItAndSaysSo() {
        clock.advance(HOLD);

        Transition transition = confirm.confirm(new ConfirmReservationCommand(held.id())).orElseThrow();

        assertThat(transition).isInstanceOfSatisfying(Transition.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(Transition.RefusalCode.HOLD_EXPIRED));
        assertThat(transition.current().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(getReservation.get(held.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 10, 0)));
        assertThat(lastEvent().status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void expiryEndsOnlyLapsedHoldsAndRespectsTheLimit() {
        clock.advance(Duration.ofMinutes(1));
        var later = request(ReservationLine.of("A", 1));
        var latest = request(ReservationLine.of("A", 1));
        process.process(new ProcessReservationsCommand(List.of(later, latest)));

        assertThat(expire.expire(new ExpireReservationsCommand(10))).isZero();
        clock.advance(HOLD);
        assertThat(expire.expire(new ExpireReservationsCommand(2))).isEqualTo(2);
        assertThat(expire.expire(new ExpireReservationsCommand(2))).isEqualTo(1);

        assertThat(getStock.find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 10, 0)));
        assertThat(getReservation.get(latest.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(lastMovement("A").kind()).isEqualTo(StockMovement.Kind.EXPIRED);
    }

    @Test
    void unknownReservationIsNotFound() {
        assertThat(confirm.confirm(new ConfirmReservationCommand(ReservationId.generate()))).isEmpty();
        assertThat(release.release(new ReleaseReservationCommand(ReservationId.generate()))).isEmpty();
    }

    @Test
    void aRejectedRequestCannotBeConfirmed() {
        var tooMuch = request(ReservationLine.of("A", 100));
        process.process(new ProcessReservationsCommand(List.of(tooMuch)));

        assertThat(confirm.confirm(new ConfirmReservationCommand(tooMuch.id())).orElseThrow())
                .isInstanceOfSatisfying(Transition.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(Transition.RefusalCode.NOT_RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().onHand()).isEqualTo(10);
    }

    private StockMovement lastMovement(String sku) {
        List<LedgerEntry> history = getStock.movements(Sku.of(sku), 0, 100);
        return history.get(history.size() - 1).movement();
    }

    private OutcomeEvent lastEvent() {
        List<OutcomeEvent> events = stores.appendedEvents();
        return events.get(events.size() - 1);
    }
}
