package io.stocklock.adapters.rest.stock;

import io.stocklock.domain.stock.StockLevel;

record StockResponse(String sku, long onHand, long reserved, long available) {

    static StockResponse from(StockLevel level) {
        return new StockResponse(level.sku().value(), level.onHand(), level.reserved(), level.available());
    }
}
