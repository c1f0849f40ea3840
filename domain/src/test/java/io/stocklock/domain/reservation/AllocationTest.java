package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private static final Sku A = Sku.of("A");
    private static final Sku B = Sku.of("B");

    @Test
    void decidesFirstComeFirstServed() {
        var first = request(ReservationLine.of("A", 3));
        var second = request(ReservationLine.of("A", 3));
        var third = request(ReservationLine.of("A", 2));

        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 5)), List.of(first, second, third));

        assertThat(allocation.decisions()).extracting(Decision::request).containsExactly(first, second, third);
        assertThat(allocation.decisions().get(0)).isInstanceOf(Decision.Reserved.class);
        assertThat(allocation.decisions().get(1)).isInstanceOfSatisfying(Decision.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(RejectionCode.INSUFFICIENT_STOCK);
            assertThat(rejected.reason()).isEqualTo("insufficient stock of A: requested 3, available 2");
        });
        // a smaller later request still gets what is left
        assertThat(allocation.decisions().get(2)).isInstanceOf(Decision.Reserved.class);
        assertThat(level(allocation, A)).isEqualTo(new StockLevel(A, 5, 5));
    }

    @Test
    void aRequestGetsAllItsLinesOrNothing() {
        var both = request(ReservationLine.of("A", 1), ReservationLine.of("B", 2));
        Allocation allocation = Allocation.decide(
                stock(StockLevel.create(A, 5), StockLevel.create(B, 1)), List.of(both));

        assertThat(allocation.decisions()).singleElement().isInstanceOf(Decision.Rejected.class);
        assertThat(level(allocation, A)).isEqualTo(StockLevel.create(A, 5));
        assertThat(level(allocation, B)).isEqualTo(StockLevel.create(B, 1));
    }

    @Test
    void duplicateLinesForOneSkuAreSummedBeforeTheCheck() {
        var twice = request(ReservationLine.of("A", 3), ReservationLine.of("A", 3));
        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 5)), List.of(twice));
        assertThat(allocation.decisions()).singleElement().isInstanceOfSatisfying(Decision.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("requested 6, available 5"));
    }

    @Test
    void unknownSkuIsRejectedWithAReason() {
        var unknown = request(ReservationLine.of("A", 1), ReservationLine.of("NOPE", 1));
        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 5)), List.of(unknown));
        assertThat(allocation.decisions()).singleElement().isInstanceOfSatisfying(Decision.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(RejectionCode.UNKNOWN_SKU);
            assertThat(rejected.reason()).isEqualTo("unknown SKU NOPE");
        });
        assertThat(level(allocation, A).reserved()).isZero();
    }

    @Test
    void existingHoldsCountAgainstAvailability() {
        var request = request(ReservationLine.of("A", 2));
        Allocation allocation = Allocation.decide(stock(new StockLevel(A, 5, 4)), List.of(request));
        assertThat(allocation.decisions()).singleElement().isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void emptyBatchDecidesNothing() {
        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 5)), List.of());
        assertThat(allocation.decisions()).isEmpty();
        assertThat(allocation.stock()).containsOnlyKeys(A);
    }

    @Test
    void aRequestBeyondThePolicyIsRejectedWhateverTheStock() {
        var policy = new ReservationPolicy(10, Duration.ofHours(1), Long.MAX_VALUE);
        var tooMany = request(ReservationLine.of("A", 6), ReservationLine.of("B", 5));
        var tooLong = new ReservationRequest(ReservationId.generate(), "buyer", List.of(ReservationLine.of("A", 1)),
                Duration.ofHours(2));

        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 100), StockLevel.create(B, 100)),
                List.of(tooMany, tooLong), policy, Map.of());

        assertThat(allocation.decisions()).allSatisfy(decision -> assertThat(decision)
                .isInstanceOfSatisfying(Decision.Rejected.class, rejected ->
                        assertThat(rejected.code()).isEqualTo(RejectionCode.OVER_LIMIT)));
        assertThat(((Decision.Rejected) allocation.decisions().get(0)).reason())
                .isEqualTo("the request asks for 11 units; at most 10 per request are allowed");
        assertThat(((Decision.Rejected) allocation.decisions().get(1)).reason())
                .isEqualTo("the request asks for a hold of 7200 seconds; at most 3600 are allowed");
        assertThat(level(allocation, A).reserved()).isZero();
    }

    @Test
    void anOwnersHoldingOfOneSkuIsCappedCountingTheBatch() {
        var policy = new ReservationPolicy(100, Duration.ofHours(1), 10);
        var first = request(ReservationLine.of("A", 4));
        var second = request(ReservationLine.of("A", 4));
        var third = request(ReservationLine.of("A", 1));
        var otherSku = request(ReservationLine.of("B", 10));
        var otherOwner = new ReservationRequest(ReservationId.generate(), "someone-else",
                List.of(ReservationLine.of("A", 10)), Duration.ofMinutes(5));

        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 100), StockLevel.create(B, 100)),
                List.of(first, second, third, otherSku, otherOwner), policy, Map.of(new Holding("buyer", A), 3L));

        assertThat(allocation.decisions()).extracting(decision -> decision.getClass().getSimpleName())
                .containsExactly("Reserved", "Rejected", "Reserved", "Reserved", "Reserved");
        assertThat(((Decision.Rejected) allocation.decisions().get(1)).reason())
                .isEqualTo("buyer holds 7 units of A; with 4 more it would hold more than the 10 allowed at once");
        assertThat(level(allocation, A).reserved()).isEqualTo(4 + 1 + 10);
    }

    @Test
    void aBuyersShareOfASaleIsCappedOverItsSkusCountingWhatTheBuyerGotAndTheBatch() {
        var sale = Sale.of(SaleId.of("drop"), 3, List.of(A, B));
        var first = request(ReservationLine.of("A", 1));
        var overTheSale = request(ReservationLine.of("B", 2));
        var last = request(ReservationLine.of("B", 1));
        var notInTheSale = request(ReservationLine.of("C", 5));
        var otherBuyer = new ReservationRequest(ReservationId.generate(), "someone-else",
                List.of(ReservationLine.of("A", 3)), Duration.ofMinutes(5));
        var limits = new SaleLimits(Map.of(A, sale.limit(), B, sale.limit()), Map.of(new SaleBuyer(sale.id(), "buyer"), 1L));

        Allocation allocation = Allocation.decide(stock(StockLevel.create(A, 100), StockLevel.create(B, 100),
                        StockLevel.create(Sku.of("C"), 100)), List.of(first, overTheSale, last, notInTheSale, otherBuyer),
                ReservationPolicy.CONTRACT, Map.of(), limits);

        assertThat(allocation.decisions()).extracting(decision -> decision.getClass().getSimpleName())
                .containsExactly("Reserved", "Rejected", "Reserved", "Reserved", "Reserved");
        assertThat((Decision.Rejected) allocation.decisions().get(1)).satisfies(rejected -> {
            assertThat(rejected.code()).isEqualTo(RejectionCode.SALE_LIMIT);
            assertThat(rejected.reason()).isEqualTo(
                    "buyer has 2 units of sale drop; with 2 more it would have more than the 3 allowed per buyer");
        });
        assertThat(level(allocation, B).reserved()).isEqualTo(1);
    }

    private static ReservationRequest request(ReservationLine... lines) {
        return new ReservationRequest(ReservationId.generate(), "buyer", Arrays.asList(lines), Duration.ofMinutes(5));
    }

    @Test
    void linesAreServedFromLocationsAsTheirPlacementAndTheirSkusPolicySay() {
        LocationId east = LocationId.of("east");
        var twoPlaces = new SkuStock(A, Optional.of(ShortStock.PARTIAL), List.of(
                new StockLevel(A, LocationId.DEFAULT, 0, 2, 0, 0, 0), new StockLevel(A, east, 1, 3, 0, 0, 0)));
        var split = new Placement(Optional.empty(), Placement.Order.PRIORITY, true);
        var first = new ReservationRequest(ReservationId.generate(), "alice",
                List.of(new ReservationLine(A, Quantity.of(4))), Duration.ofMinutes(5), Optional.of(split));
        var second = new ReservationRequest(ReservationId.generate(), "bob",
                List.of(new ReservationLine(A, Quantity.of(3), Quantity.of(1))), Duration.ofMinutes(5));
        var third = new ReservationRequest(ReservationId.generate(), "carol",
                List.of(new ReservationLine(A, Quantity.of(1))), Duration.ofMinutes(5));

        Allocation allocation = Allocation.decide(List.of(twoPlaces), List.of(first, second, third),
                new ReservationPolicy(1_000, Duration.ofHours(1), 1_000), Map.of());

        assertThat(allocation.decisions().get(0)).isInstanceOfSatisfying(Decision.Reserved.class, reserved ->
                assertThat(reserved.picks()).containsExactly(new Pick(A, LocationId.DEFAULT, 2, 0),
                        new Pick(A, east, 2, 0)));
        // one unit is left, at east: the partial line gets it, at least its minimum
        assertThat(allocation.decisions().get(1)).isInstanceOfSatisfying(Decision.Reserved.class, reserved ->
                assertThat(reserved.picks()).containsExactly(new Pick(A, east, 1, 0)));
        assertThat(allocation.decisions().get(2)).isInstanceOfSatisfying(Decision.Rejected.class, rejected ->
                assertThat(rejected.code()).isEqualTo(RejectionCode.INSUFFICIENT_STOCK));
        assertThat(allocation.stock().get(A).reserved()).isEqualTo(5);
    }

    @Test
    void theCapPerOwnerCountsWhatAPartialLineGets() {
        var scarce = new SkuStock(A, Optional.of(ShortStock.PARTIAL), List.of(StockLevel.create(A, 3)));
        var request = new ReservationRequest(ReservationId.generate(), "alice",
                List.of(new ReservationLine(A, Quantity.of(10), Quantity.of(1))), Duration.ofMinutes(5));

        Allocation allocation = Allocation.decide(List.of(scarce), List.of(request),
                new ReservationPolicy(1_000, Duration.ofHours(1), 4), Map.of(new Holding("alice", A), 1L));

        assertThat(allocation.decisions()).singleElement().isInstanceOfSatisfying(Decision.Reserved.class,
                reserved -> assertThat(reserved.picks()).extracting(Pick::units).containsExactly(3L));
    }

    private static List<SkuStock> stock(StockLevel... levels) {
        return Stream.of(levels).map(SkuStock::of).toList();
    }

    private static StockLevel level(Allocation allocation, Sku sku) {
        return allocation.stock().get(sku).locations().get(0);
    }
}
