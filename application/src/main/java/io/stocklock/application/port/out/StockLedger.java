package io.stocklock.application.port.out;

import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The append-only record of every change to on-hand and reserved counts. */
public interface StockLedger {

    void append(Collection<StockMovement> movements, Instant at);

    /** Entries of one SKU in the order they were written, after the given sequence number. */
    List<LedgerEntry> history(Sku sku, long afterSequence, int limit);
}
