package io.stocklock.adapters.rest.stock;

import io.stocklock.domain.stock.LocationId;
import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies the inventory endpoints accept (unknown fields are refused: see RestConfiguration). */
final class StockRequests {

    private static final String LOCATION = "the location the change applies to; default when absent";

    private StockRequests() {
    }

    record CreateStockRequest(@Schema(example = "SKU-1") String sku, @Schema(example = "100") Long onHand,
                              @Schema(description = "where the stock is kept; default when absent",
                                      example = "default") String location,
                              @Schema(description = "units the location may promise beyond what it has; 0 when "
                                      + "absent", example = "0") Long backorderLimit) {
    }

    record AdjustmentRequest(@Schema(example = "-3") Long delta,
                             @Schema(example = "damaged in the warehouse") String reason,
                             @Schema(description = LOCATION, example = "default") String location) {
    }

    record OnHandRequest(@Schema(example = "120") Long onHand, @Schema(example = "stocktake") String reason,
                         @Schema(description = LOCATION, example = "default") String location) {
    }

    record BackorderLimitRequest(@Schema(example = "25") Long backorderLimit,
                                 @Schema(description = LOCATION, example = "default") String location) {
    }

    record PolicyRequest(@Schema(description = "what a line that stock cannot serve in full gets",
            allowableValues = {"REJECT", "BACKORDER", "PARTIAL"}, example = "BACKORDER") String shortStock) {
    }

    record LowStockRequest(@Schema(description = "available units at or below which the SKU counts as running low, "
            + "0 or more", example = "10") Long threshold) {
    }

    record LocationRequest(@Schema(example = "East warehouse") String name,
                           @Schema(description = "lower is served first by priority", example = "1") Integer priority) {
    }

    static LocationId location(String location) {
        return location == null ? LocationId.DEFAULT : LocationId.of(location);
    }
}
