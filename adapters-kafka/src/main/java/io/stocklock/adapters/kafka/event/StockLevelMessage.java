package io.stocklock.adapters.kafka.event;

import io.stocklock.domain.stock.StockLevelEvent;

/**
 * A stock-level event as it is published (docs/schemas/stock-level-event.schema.json), keyed by SKU.
 *
 * @param type {@code StockLow}, {@code SoldOut} or {@code BackInStock}
 */
public record StockLevelMessage(int schemaVersion, String eventId, String type, String sku, long available,
                                long onHand, String occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public static StockLevelMessage from(StockLevelEvent event) {
        return new StockLevelMessage(SCHEMA_VERSION, event.eventId().toString(), type(event.kind()),
                event.sku().value(), event.available(), event.onHand(), event.occurredAt().toString());
    }

    /** The event's name for each kind: a contract kept apart from the enum. */
    static String type(StockLevelEvent.Kind kind) {
        return switch (kind) {
            case LOW_STOCK -> "StockLow";
            case SOLD_OUT -> "SoldOut";
            case BACK_IN_STOCK -> "BackInStock";
        };
    }
}
