package io.stocklock.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static final Sku SKU = Sku.of("A");

    @Test
    void availableIsOnHandMinusReserved() {
        assertThat(new StockLevel(SKU, 10, 3).available()).isEqualTo(7);
    }

    @Test
    void invariantIsCheckedOnEveryLevel() {
        assertThatThrownBy(() -> new StockLevel(SKU, 5, 6)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new StockLevel(SKU, 5, -1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StockLevel.create(SKU, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reserveConfirmAndReleaseMoveTheRightCounters() {
        StockLevel level = StockLevel.create(SKU, 10).reserve(4);
        assertThat(level).isEqualTo(new StockLevel(SKU, 10, 4));
        assertThat(level.move(-3, -3)).isEqualTo(new StockLevel(SKU, 7, 1, 1));
        assertThat(level.move(0, -4)).isEqualTo(new StockLevel(SKU, 10, 0, 0));
        assertThat(level.available()).isEqualTo(6);
    }

    @Test
    void reservingMoreThanAvailableIsABug() {
        assertThatThrownBy(() -> StockLevel.create(SKU, 1).reserve(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restockAndWriteOffChangeOnHand() {
        StockLevel level = new StockLevel(SKU, 10, 4);
        assertThat(level.adjust(5)).isEqualTo(new StockChange.Changed(new StockLevel(SKU, 15, 4, 1), 5));
        assertThat(level.adjust(-6)).isEqualTo(new StockChange.Changed(new StockLevel(SKU, 4, 4, 1), -6));
    }

    @Test
    void adjustmentNeverGoesBelowReserved() {
        StockChange change = new StockLevel(SKU, 10, 4).adjust(-7);
        assertThat(change).isInstanceOfSatisfying(StockChange.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.BELOW_RESERVED);
            assertThat(refused.reason()).contains("4 are reserved");
        });
    }

    @Test
    void adjustmentThatOverflowsIsRefused() {
        assertThat(new StockLevel(SKU, Long.MAX_VALUE, 0).adjust(1))
                .isInstanceOfSatisfying(StockChange.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.OUT_OF_RANGE));
    }

    @Test
    void setOnHandIsACompareAndSetOnTheVersion() {
        StockLevel level = new StockLevel(SKU, 10, 4, 3);
        assertThat(level.setOnHand(3, 20)).isEqualTo(new StockChange.Changed(new StockLevel(SKU, 20, 4, 4), 10));
        assertThat(level.setOnHand(2, 20)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.STALE_EXPECTATION));
        assertThat(level.setOnHand(3, 3)).isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.BELOW_RESERVED));
    }

    @Test
    void aChangeAndItsUndoingStillChangeTheVersionAndReservationsDoNot() {
        StockLevel level = new StockLevel(SKU, 10, 0, 0);
        StockLevel there = ((StockChange.Changed) level.adjust(5)).level();
        StockLevel back = ((StockChange.Changed) there.adjust(-5)).level();

        assertThat(back.onHand()).isEqualTo(level.onHand());
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.setOnHand(back.version(), 1)).isInstanceOf(StockChange.Changed.class);
        // who read the level before the change and its undoing is told it changed
        assertThat(back.setOnHand(level.version(), 1)).isInstanceOf(StockChange.Refused.class);
        assertThat(back.reserve(3).move(0, -3).version()).isEqualTo(2);
    }
}
