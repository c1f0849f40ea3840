package io.stocklock.adapters.rest.stock;

import io.swagger.v3.oas.annotations.media.Schema;

import io.stocklock.domain.stock.StockLevel;

record StockResponse(@Schema(example = "SKU-1") String sku, @Schema(example = "100") long onHand,
                     @Schema(example = "30") long reserved, @Schema(example = "70") long available) {

    static StockResponse from(StockLevel level) {
        return new StockResponse(level.sku().value(), level.onHand(), level.reserved(), level.available());
    }
}
