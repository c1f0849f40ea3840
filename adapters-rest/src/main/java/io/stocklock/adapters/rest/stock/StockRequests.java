package io.stocklock.adapters.rest.stock;

import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies the inventory endpoints accept (unknown fields are refused: see RestConfiguration). */
final class StockRequests {

    private StockRequests() {
    }

    record CreateStockRequest(@Schema(example = "SKU-1") String sku, @Schema(example = "100") Long onHand) {
    }

    record AdjustmentRequest(@Schema(example = "-3") Long delta,
                             @Schema(example = "damaged in the warehouse") String reason) {
    }

    record OnHandRequest(@Schema(example = "120") Long onHand, @Schema(example = "stocktake") String reason) {
    }
}
