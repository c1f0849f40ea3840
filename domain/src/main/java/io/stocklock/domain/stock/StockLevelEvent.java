package io.stocklock.domain.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A SKU's stock crossed a line that shops act on: it ran low, it sold out, it came back. Each is told once per
 * crossing, from the transaction that changed the stock.
 *
 * @param available units available at all locations after the change
 * @param onHand    units on hand at all locations after the change
 */
public record StockLevelEvent(UUID eventId, Sku sku, Kind kind, long available, long onHand, Instant occurredAt) {

    public enum Kind {
        /** Available fell to the SKU's low-stock threshold or below, from above it, and is not sold out. */
        LOW_STOCK,
        /** Nothing left to give ({@link SkuStock#isSoldOut}), after something was. */
        SOLD_OUT,
        /** Something to give again, after nothing was. */
        BACK_IN_STOCK
    }

    public StockLevelEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /**
     * What a change of a SKU's stock crossed. A SKU that sells out says so, not that it ran low; one that comes back
     * says so, however little came back. The threshold is the SKU's as it is after the change.
     *
     * @param whenUnset the deployment's short-stock policy, for a SKU without one of its own
     */
    public static List<StockLevelEvent> crossings(SkuStock before, SkuStock after, ShortStock whenUnset,
                                                  Instant now) {
        boolean soldOutBefore = before.isSoldOut(whenUnset);
        boolean soldOutAfter = after.isSoldOut(whenUnset);
        List<StockLevelEvent> crossed = new ArrayList<>(1);
        if (!soldOutBefore && soldOutAfter) {
            crossed.add(of(after, Kind.SOLD_OUT, now));
        } else if (soldOutBefore && !soldOutAfter) {
            crossed.add(of(after, Kind.BACK_IN_STOCK, now));
        } else if (!soldOutAfter && after.lowStockAt().isPresent()) {
            long threshold = after.lowStockAt().getAsLong();
            if (before.available() > threshold && after.available() <= threshold) {
                crossed.add(of(after, Kind.LOW_STOCK, now));
            }
        }
        return crossed;
    }

    private static StockLevelEvent of(SkuStock stock, Kind kind, Instant now) {
        return new StockLevelEvent(UUID.randomUUID(), stock.sku(), kind, stock.available(), stock.onHand(), now);
    }
}
