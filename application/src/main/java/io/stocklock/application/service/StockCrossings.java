package io.stocklock.application.service;

import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevelEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The stock-level events of a transaction: what each SKU it changed crossed, from as it locked it to as it left it. */
final class StockCrossings {

    private StockCrossings() {
    }

    /** @param before the SKUs as locked; a SKU not among them (created by the transaction) tells nothing */
    static List<StockLevelEvent> of(Map<Sku, SkuStock> before, Collection<SkuStock> after, ShortStock whenUnset,
                                    Instant now) {
        List<StockLevelEvent> events = new ArrayList<>(0);
        for (SkuStock stock : after) {
            SkuStock was = before.get(stock.sku());
            if (was != null && !was.equals(stock)) {
                events.addAll(StockLevelEvent.crossings(was, stock, whenUnset, now));
            }
        }
        return events;
    }
}
