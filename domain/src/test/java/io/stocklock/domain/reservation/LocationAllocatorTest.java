package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.LocationId;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.LocationAllocator.Outcome;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationAllocatorTest {

    private static final Sku SKU = Sku.of("TICKET");
    private static final LocationId NORTH = LocationId.of("north");
    private static final LocationId SOUTH = LocationId.of("south");

    // north is served first by priority; south has more in stock
    private final List<StockLevel> levels = List.of(
            new StockLevel(SKU, NORTH, 1, 5, 2, 0, 0),
            new StockLevel(SKU, SOUTH, 2, 10, 0, 4, 0));

    @Test
    void byPriorityTheFirstLocationThatHasItAllServesTheLine() {
        assertThat(picks(new ReservationLine(SKU, Quantity.of(3)), Placement.DEFAULT, ShortStock.REJECT)).containsExactly(new Pick(SKU, NORTH, 3, 0));
        assertThat(picks(new ReservationLine(SKU, Quantity.of(4)), Placement.DEFAULT, ShortStock.REJECT)).containsExactly(new Pick(SKU, SOUTH, 4, 0));
    }

    @Test
    void byMostInStockTheFullestLocationServesFirst() {
        var fullest = new Placement(Optional.empty(), Placement.Order.MOST_IN_STOCK, false);
        assertThat(picks(new ReservationLine(SKU, Quantity.of(3)), fullest, ShortStock.REJECT)).containsExactly(new Pick(SKU, SOUTH, 3, 0));
    }

    @Test
    void aLineNoSingleLocationCanServeIsRefusedUnlessItMaySplit() {
        assertThat(LocationAllocator.serve(new ReservationLine(SKU, Quantity.of(12)), levels, Placement.DEFAULT, ShortStock.REJECT))
                .isInstanceOfSatisfying(LineAllocation.Refused.class, refused -> assertThat(refused.reason())
                        .isEqualTo("insufficient stock of TICKET: requested 12, available 13 over 2 locations, none "
                                + "of which can serve it alone"));
        var split = new Placement(Optional.empty(), Placement.Order.PRIORITY, true);
        assertThat(picks(new ReservationLine(SKU, Quantity.of(12)), split, ShortStock.REJECT))
                .containsExactly(new Pick(SKU, NORTH, 3, 0), new Pick(SKU, SOUTH, 9, 0));
    }

    @Test
    void aNamedLocationOnly() {
        assertThat(picks(new ReservationLine(SKU, Quantity.of(3)), Placement.at(SOUTH), ShortStock.REJECT)).containsExactly(new Pick(SKU, SOUTH, 3, 0));
        assertThat(LocationAllocator.serve(new ReservationLine(SKU, Quantity.of(1)), levels, Placement.at(LocationId.of("west")),
                ShortStock.REJECT)).isEqualTo(new LineAllocation.Refused(SKU, RejectionCode.INSUFFICIENT_STOCK, "no stock of TICKET is kept at west"));
    }

    @Test
    void backordersPromiseUpToTheLimitBeyondWhatIsOnHand() {
        assertThat(picks(new ReservationLine(SKU, Quantity.of(14)), Placement.DEFAULT, ShortStock.BACKORDER))
                .containsExactly(new Pick(SKU, SOUTH, 14, 4));
        assertThat(LocationAllocator.serve(new ReservationLine(SKU, Quantity.of(15)), levels, Placement.DEFAULT, ShortStock.BACKORDER))
                .isInstanceOf(LineAllocation.Refused.class);
        var split = new Placement(Optional.empty(), Placement.Order.PRIORITY, true);
        assertThat(picks(new ReservationLine(SKU, Quantity.of(17)), split, ShortStock.BACKORDER))
                .as("what is in stock first, everywhere; then backorders")
                .containsExactly(new Pick(SKU, NORTH, 3, 0), new Pick(SKU, SOUTH, 14, 4));
    }

    @Test
    void partialGrantsWhatIsInStockIfThatIsTheMinimum() {
        assertThat(picks(new ReservationLine(SKU, Quantity.of(20), Quantity.of(8)), Placement.DEFAULT, ShortStock.PARTIAL))
                .containsExactly(new Pick(SKU, SOUTH, 10, 0));
        assertThat(LocationAllocator.serve(new ReservationLine(SKU, Quantity.of(20), Quantity.of(11)), levels, Placement.DEFAULT, ShortStock.PARTIAL))
                .isInstanceOf(LineAllocation.Refused.class);
    }

    @Test
    void aRequestGetsAllOfItsLinesOrNone() {
        Sku other = Sku.of("PARKING");
        var stock = Map.of(SKU, levels, other, List.of(new StockLevel(other, NORTH, 1, 1, 0, 0, 0)));
        Outcome refused = LocationAllocator.serve(stock, List.of(new ReservationLine(SKU, Quantity.of(2)), new ReservationLine(other, Quantity.of(2))),
                Placement.DEFAULT, Map.of());
        assertThat(refused).isEqualTo(new Outcome.Refused(RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of PARKING: requested 2, available 1"));

        Outcome served = LocationAllocator.serve(stock, List.of(new ReservationLine(SKU, Quantity.of(2)), new ReservationLine(other, Quantity.of(1))),
                Placement.DEFAULT, Map.of());
        assertThat(served).isInstanceOfSatisfying(Outcome.Served.class, done -> {
            assertThat(done.after().get(SKU).get(0).reserved()).isEqualTo(4);
            assertThat(done.after().get(other).get(0).reserved()).isEqualTo(1);
        });
    }

    private List<Pick> picks(ReservationLine ask, Placement placement, ShortStock shortStock) {
        LineAllocation line = LocationAllocator.serve(ask, levels, placement, shortStock);
        assertThat(line).isInstanceOf(LineAllocation.Served.class);
        return ((LineAllocation.Served) line).picks();
    }
}
