package io.stocklock.application.port.in;

import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import java.util.List;
import java.util.Optional;

/** Reads stock, the locations and the ledger without locking anything. */
public interface GetStock {

    Optional<SkuStock> find(Sku sku);

    /** A page of SKUs in ascending order, after {@code after} when given. */
    List<SkuStock> list(Optional<Sku> after, int limit);

    /** A page of one SKU's ledger, oldest first, after the given sequence number. */
    List<LedgerEntry> movements(Sku sku, long afterSequence, int limit);

    /** Every location, by priority and id. */
    List<Location> locations();
}
