package io.stocklock.application.service;

import io.stocklock.application.port.in.RelayStockLevels;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.stock.StockLevelEvent;
import java.util.List;

/**
 * One transaction per page: lock the oldest events (no other relay runs meanwhile), publish them in order, take them
 * out. If publishing fails the transaction rolls back and the page is published again, whole and in order, later.
 */
public class RelayStockLevelsService implements RelayStockLevels {

    private final Transactions transactions;
    private final StockLevelOutbox outbox;
    private final StockLevelPublisher publisher;

    public RelayStockLevelsService(Transactions transactions, StockLevelOutbox outbox, StockLevelPublisher publisher) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @Override
    public int relay(int limit) {
        return transactions.inTransaction(() -> {
            List<StockLevelEvent> page = outbox.lockOldest(limit);
            if (!page.isEmpty()) {
                publisher.publish(page);
                outbox.remove(page.stream().map(StockLevelEvent::eventId).toList());
            }
            return page.size();
        });
    }
}
