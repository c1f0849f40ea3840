package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ManageSales.PutResult;
import io.stocklock.application.port.in.ManageSales.SaleView;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.Sku;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesTest extends ServiceTestSupport {

    private static final SaleId DROP = SaleId.of("drop");

    @BeforeEach
    void aSaleOfTwoSkus() {
        stock("A", 100);
        stock("B", 100);
        stock("C", 100);
        assertThat(manageSales.put(Sale.of(DROP, 3, List.of(Sku.of("A"), Sku.of("B")))))
                .isEqualTo(new PutResult.Stored(Sale.of(DROP, 3, List.of(Sku.of("A"), Sku.of("B"))), true));
    }

    @Test
    void aBuyerGetsNoMoreOfTheSaleThanItsLimitOverAllItsSkusWhileOtherSkusAndBuyersAreNotLimited() {
        var first = request(ReservationLine.of("A", 2));
        var beyond = request(ReservationLine.of("B", 2));
        var last = request(ReservationLine.of("B", 1));
        var elsewhere = request(ReservationLine.of("C", 10));

        List<RequestOutcome> outcomes = process.process(new ProcessReservationsCommand(List.of(first, beyond)));
        outcomes = concat(outcomes, process.process(new ProcessReservationsCommand(List.of(last, elsewhere))));

        assertThat(outcomes).extracting(outcome -> decided(outcome).status()).containsExactly(
                ReservationStatus.RESERVED, ReservationStatus.REJECTED, ReservationStatus.RESERVED,
                ReservationStatus.RESERVED);
        assertThat(decided(outcomes.get(1)).rejection()).contains(RejectionCode.SALE_LIMIT);
        assertThat(manageSales.find(DROP, Optional.of("alice")).map(SaleView::got)).contains(Optional.of(3L));
        assertThat(manageSales.find(DROP, Optional.of("bob")).map(SaleView::got)).contains(Optional.of(0L));
    }

    @Test
    void aReleasedHoldGivesItsUnitsBackToTheSaleAConfirmedOneKeepsThem() {
        var kept = request(ReservationLine.of("A", 2));
        var released = request(ReservationLine.of("B", 1));
        process.process(new ProcessReservationsCommand(List.of(kept, released)));

        confirm.confirm(new ConfirmReservationCommand(kept.id()));
        release.release(new ReleaseReservationCommand(released.id()));

        assertThat(manageSales.find(DROP, Optional.of("alice")).orElseThrow().got()).contains(2L);
        ReservationRequest again = request(ReservationLine.of("B", 2));
        assertThat(decided(process.process(new ProcessReservationsCommand(List.of(again))).get(0)).rejection())
                .contains(RejectionCode.SALE_LIMIT);
        ReservationRequest one = request(ReservationLine.of("B", 1));
        assertThat(decided(process.process(new ProcessReservationsCommand(List.of(one))).get(0)).status())
                .isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aSkuJoinsOrLeavesASaleOnlyWhileNoneOfItsUnitsAreHeldAndMustExist() {
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("C", 1)))));

        assertThat(manageSales.put(Sale.of(DROP, 3, List.of(Sku.of("A"), Sku.of("B"), Sku.of("C")))))
                .isEqualTo(new PutResult.SkuHeld(Sku.of("C"), 1));
        assertThat(manageSales.put(Sale.of(SaleId.of("other"), 1, List.of(Sku.of("NOPE")))))
                .isEqualTo(new PutResult.UnknownSku(Sku.of("NOPE")));
        // a new limit for the same SKUs is no move, held or not
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 1)))));
        assertThat(manageSales.put(Sale.of(DROP, 5, List.of(Sku.of("A"), Sku.of("B")))))
                .isInstanceOf(PutResult.Stored.class);
        assertThat(manageSales.find(DROP, Optional.empty()).orElseThrow().sale().maxUnitsPerBuyer()).isEqualTo(5);
        // a SKU is in one sale at most: B moves to a sale of its own once the drop lets it go
        assertThat(manageSales.put(Sale.of(SaleId.of("b-alone"), 1, List.of(Sku.of("B")))))
                .isEqualTo(new PutResult.SkuInAnotherSale(Sku.of("B"), DROP));
        assertThat(manageSales.put(Sale.of(DROP, 5, List.of(Sku.of("A"))))).isInstanceOf(PutResult.Stored.class);
        assertThat(manageSales.put(Sale.of(SaleId.of("b-alone"), 1, List.of(Sku.of("B")))))
                .isInstanceOf(PutResult.Stored.class);
        assertThat(manageSales.find(DROP, Optional.empty()).orElseThrow().sale().skus()).containsExactly(Sku.of("A"));
    }

    private static Reservation decided(RequestOutcome outcome) {
        return ((RequestOutcome.Decided) outcome).reservation();
    }

    private static List<RequestOutcome> concat(List<RequestOutcome> first, List<RequestOutcome> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
