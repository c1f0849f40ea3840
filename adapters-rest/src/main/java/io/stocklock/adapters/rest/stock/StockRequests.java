package io.stocklock.adapters.rest.stock;

/** Bodies the inventory endpoints accept (unknown fields are refused: see RestConfiguration). */
final class StockRequests {

    private StockRequests() {
    }

    record CreateStockRequest(String sku, Long onHand) {
    }

    record AdjustmentRequest(Long delta, String reason) {
    }

    record OnHandRequest(Long onHand, String reason) {
    }
}
