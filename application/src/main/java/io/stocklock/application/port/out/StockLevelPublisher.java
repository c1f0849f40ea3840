package io.stocklock.application.port.out;

import io.stocklock.domain.stock.StockLevelEvent;
import java.util.List;

/** Delivers stock-level events, keyed by SKU, in the order given; returns once the broker has them all, or throws. */
public interface StockLevelPublisher {

    void publish(List<StockLevelEvent> events);
}
