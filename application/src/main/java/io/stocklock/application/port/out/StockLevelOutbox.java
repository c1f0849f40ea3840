package io.stocklock.application.port.out;

import io.stocklock.domain.stock.StockLevelEvent;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Stock-level events not published yet, written in the transaction that changed the stock, so a change that rolls
 * back tells nothing. Methods must run inside {@link Transactions#inTransaction}.
 */
public interface StockLevelOutbox {

    void append(Collection<StockLevelEvent> events);

    /**
     * The oldest unpublished events, in the order they were written, locked for this transaction; empty if another
     * transaction (of any instance) is relaying them now. One relay at a time keeps each SKU's events in order.
     */
    List<StockLevelEvent> lockOldest(int limit);

    /** Takes out events the broker has. */
    void remove(Collection<UUID> eventIds);
}
