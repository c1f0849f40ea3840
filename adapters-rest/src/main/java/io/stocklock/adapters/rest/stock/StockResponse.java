package io.stocklock.adapters.rest.stock;

import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A SKU's stock: the sums over its locations, and each location. */
record StockResponse(@Schema(example = "SKU-1") String sku, @Schema(example = "100") long onHand,
                     @Schema(example = "30") long reserved, @Schema(example = "70") long available,
                     @Schema(description = "units held beyond what is on hand (backorders)", example = "0")
                     long backordered,
                     @Schema(nullable = true, description = "the SKU's own short-stock policy; null: the service's "
                             + "default", allowableValues = {"REJECT", "BACKORDER", "PARTIAL"}) String shortStock,
                     @Schema(nullable = true, description = "at how many available units the SKU counts as running "
                             + "low (a StockLow event); null: never", example = "10") Long lowStockAt,
                     List<LocationStock> locations) {

    record LocationStock(@Schema(example = "default") String location, int priority,
                         @Schema(example = "100") long onHand, @Schema(example = "30") long reserved,
                         @Schema(example = "70") long available, @Schema(example = "0") long backordered,
                         @Schema(example = "0") long backorderLimit) {

        static LocationStock from(StockLevel level) {
            return new LocationStock(level.location().value(), level.priority(), level.onHand(), level.reserved(),
                    level.available(), level.backordered(), level.backorderLimit());
        }
    }

    static StockResponse from(SkuStock stock) {
        return new StockResponse(stock.sku().value(), stock.onHand(), stock.reserved(), stock.available(),
                stock.backordered(), stock.shortStock().map(ShortStock::name).orElse(null),
                stock.lowStockAt().isPresent() ? stock.lowStockAt().getAsLong() : null,
                stock.locations().stream().map(LocationStock::from).toList());
    }
}
