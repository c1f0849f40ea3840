package io.stocklock.application.port.in;

import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.List;
import java.util.Optional;

/** Reads stock levels and the ledger without locking anything. */
public interface GetStock {

    Optional<StockLevel> find(Sku sku);

    /** A page of SKUs in ascending order, after {@code after} when given. */
    List<StockLevel> list(Optional<Sku> after, int limit);

    /** A page of one SKU's ledger, oldest first, after the given sequence number. */
    List<LedgerEntry> movements(Sku sku, long afterSequence, int limit);
}
