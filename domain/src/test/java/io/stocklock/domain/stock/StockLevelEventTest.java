package io.stocklock.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.stock.StockLevelEvent.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StockLevelEventTest {

    private static final Sku A = Sku.of("A");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aSkuRunningLowSellingOutAndComingBackIsToldOncePerCrossing() {
        assertThat(kinds(available(20), available(10))).containsExactly(Kind.LOW_STOCK);
        assertThat(kinds(available(10), available(9))).as("low already: no second event").isEmpty();
        assertThat(kinds(available(9), available(0))).containsExactly(Kind.SOLD_OUT);
        assertThat(kinds(available(0), available(0))).isEmpty();
        assertThat(kinds(available(0), available(3))).as("back, however little").containsExactly(Kind.BACK_IN_STOCK);
        assertThat(kinds(available(3), available(30))).as("up across the threshold: nothing").isEmpty();
        assertThat(kinds(available(30), available(0))).as("straight to sold out: not low first")
                .containsExactly(Kind.SOLD_OUT);
    }

    @Test
    void withoutAThresholdOnlySellingOutAndComingBackAreTold() {
        SkuStock from = available(20).withLowStockAt(OptionalLong.empty());
        assertThat(StockLevelEvent.crossings(from, available(1).withLowStockAt(OptionalLong.empty()),
                ShortStock.REJECT, NOW)).isEmpty();
    }

    @Test
    void aSkuThatBackordersIsSoldOutOnlyWhenNoLocationMayPromiseMore() {
        var backorders = new SkuStock(A, Optional.of(ShortStock.BACKORDER), OptionalLong.empty(),
                List.of(new StockLevel(A, LocationId.DEFAULT, 0, 5, 5, 2, 0)));
        var promisedAll = new SkuStock(A, Optional.of(ShortStock.BACKORDER), OptionalLong.empty(),
                List.of(new StockLevel(A, LocationId.DEFAULT, 0, 5, 7, 2, 0)));
        List<StockLevelEvent> events = StockLevelEvent.crossings(backorders, promisedAll, ShortStock.REJECT, NOW);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.SOLD_OUT);
            assertThat(event.sku()).isEqualTo(A);
            assertThat(event.available()).isZero();
            assertThat(event.onHand()).isEqualTo(5);
            assertThat(event.occurredAt()).isEqualTo(NOW);
        });
    }

    private static SkuStock available(long units) {
        return new SkuStock(A, Optional.empty(), OptionalLong.of(10), List.of(new StockLevel(A, 100, 100 - units)));
    }

    private static List<Kind> kinds(SkuStock before, SkuStock after) {
        return StockLevelEvent.crossings(before, after, ShortStock.REJECT, NOW).stream().map(StockLevelEvent::kind)
                .toList();
    }
}
