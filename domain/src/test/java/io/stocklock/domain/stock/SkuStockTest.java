package io.stocklock.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkuStockTest {

    private static final Sku SKU = Sku.of("TICKET");
    private static final LocationId EAST = LocationId.of("east");

    private final SkuStock stock = new SkuStock(SKU, Optional.empty(), List.of(
            new StockLevel(SKU, EAST, 1, 5, 7, 3, 2),
            new StockLevel(SKU, LocationId.DEFAULT, 0, 10, 4, 0, 1)));

    @Test
    void totalsAreTheSumsOfTheLocations() {
        assertThat(stock.locations()).extracting(StockLevel::location).containsExactly(LocationId.DEFAULT, EAST);
        assertThat(stock.onHand()).isEqualTo(15);
        assertThat(stock.reserved()).isEqualTo(11);
        assertThat(stock.available()).isEqualTo(6);
        assertThat(stock.backordered()).isEqualTo(2);
        assertThat(stock.version()).isEqualTo(3);
    }

    @Test
    void soldOutWhenNoLocationHasAUnitOrABackorderToGive() {
        var emptyEast = new StockLevel(SKU, EAST, 1, 5, 5, 3, 2);
        var emptyDefault = new StockLevel(SKU, LocationId.DEFAULT, 0, 10, 10, 0, 1);
        var oneLeftDefault = new StockLevel(SKU, LocationId.DEFAULT, 0, 10, 9, 0, 1);

        assertThat(new SkuStock(SKU, Optional.empty(), List.of(emptyEast, oneLeftDefault))
                .isSoldOut(ShortStock.REJECT)).isFalse();
        assertThat(new SkuStock(SKU, Optional.empty(), List.of(emptyEast, emptyDefault))
                .isSoldOut(ShortStock.REJECT)).isTrue();
        assertThat(new SkuStock(SKU, Optional.empty(), List.of(emptyEast, emptyDefault))
                .isSoldOut(ShortStock.PARTIAL)).isTrue();
        // east may still promise 3 units it does not have, to a SKU that backorders
        assertThat(new SkuStock(SKU, Optional.of(ShortStock.BACKORDER), List.of(emptyEast, emptyDefault))
                .isSoldOut(ShortStock.REJECT)).isFalse();
        assertThat(new SkuStock(SKU, Optional.empty(), List.of(emptyEast, emptyDefault))
                .isSoldOut(ShortStock.BACKORDER)).isFalse();
        var backorderedInFull = new StockLevel(SKU, EAST, 1, 5, 8, 3, 2);
        assertThat(new SkuStock(SKU, Optional.of(ShortStock.BACKORDER), List.of(backorderedInFull, emptyDefault))
                .isSoldOut(ShortStock.REJECT)).isTrue();
    }

    @Test
    void aChangeAtOneLocationLeavesTheOthersAndMovesTheSkuVersion() {
        var changed = (StockChange.Changed) stock.adjust(EAST, 4);
        assertThat(changed.level()).isEqualTo(new StockLevel(SKU, EAST, 1, 9, 7, 3, 3));
        assertThat(stock.with(changed.level()).version()).isEqualTo(4);
        assertThat(stock.with(changed.level()).at(LocationId.DEFAULT)).isEqualTo(stock.at(LocationId.DEFAULT));
    }

    @Test
    void setOnHandComparesTheVersionOfTheWholeSku() {
        assertThat(stock.setOnHand(EAST, 2, 9)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.STALE_EXPECTATION));
        assertThat(stock.setOnHand(EAST, 3, 9)).isInstanceOf(StockChange.Changed.class);
    }

    @Test
    void backordersBoundWhatALocationMayLose() {
        // east holds 7 with 5 on hand: 2 are backordered, so on hand may go to 4 (limit 3), not to 3
        assertThat(stock.adjust(EAST, -1)).isInstanceOf(StockChange.Changed.class);
        assertThat(stock.adjust(EAST, -2)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.BELOW_RESERVED));
        assertThat(stock.limitBackorders(EAST, 1)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.reason()).contains("2 are backordered"));
        assertThat(stock.limitBackorders(EAST, 2)).isInstanceOf(StockChange.Changed.class);
        // a sold backorder takes on hand below zero; a delivery brings it back, a write-off cannot go further
        StockLevel sold = new StockLevel(SKU, EAST, 1, 5, 7, 3, 2).move(-7, -7);
        assertThat(sold.onHand()).isEqualTo(-2);
        assertThat(sold.adjust(1)).isInstanceOf(StockChange.Changed.class);
        assertThat(sold.adjust(-1)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.OUT_OF_RANGE));
    }

    @Test
    void aLocationThatDoesNotKeepTheSkuIsNamedAsSuch() {
        assertThat(stock.adjust(LocationId.of("west"), 1)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.NOT_KEPT_THERE));
        assertThatThrownBy(() -> new StockLevel(SKU, EAST, 1, 5, 9, 3, 0)).isInstanceOf(IllegalStateException.class);
    }
}
