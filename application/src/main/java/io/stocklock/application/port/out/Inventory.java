package io.stocklock.application.port.out;

import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stock levels per SKU. Locking methods must run inside {@link Transactions#inTransaction}. */
public interface Inventory {

    /**
     * Locks the stock rows of these SKUs in ascending SKU order, in one statement, until the transaction ends.
     * Every path that locks stock goes through here, so two transactions never wait on each other in a circle.
     * Unknown SKUs are absent from the map.
     */
    Map<Sku, StockLevel> lock(Collection<Sku> skus);

    /** Writes locked levels back. */
    void update(Collection<StockLevel> levels);

    /** Adds a new SKU; {@code false} if it exists already. */
    boolean insert(StockLevel level);

    Optional<StockLevel> find(Sku sku);

    /** SKUs in ascending order, starting after {@code after} when given. */
    List<StockLevel> list(Optional<Sku> after, int limit);
}
