package io.stocklock.application.port.out;

import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stock per SKU and location, the SKUs' short-stock policies, and the locations. Locking methods must run inside
 * {@link Transactions#inTransaction}.
 */
public interface Inventory {

    /**
     * Locks the stock rows of these SKUs, every location of each, in ascending (SKU, location) order, in one
     * statement, until the transaction ends. Every path that locks stock goes through here, so two transactions never
     * wait on each other in a circle. Unknown SKUs are absent from the map.
     */
    Map<Sku, SkuStock> lock(Collection<Sku> skus);

    /** Writes locked levels back (on hand, reserved, backorder limit, version), each at its location. */
    void update(Collection<StockLevel> levels);

    /**
     * Adds the stock of a SKU at a location.
     *
     * @return {@code false} if the SKU is kept there already
     * @throws IllegalArgumentException if the location does not exist
     */
    boolean insert(StockLevel level);

    /**
     * Adds the stock of SKUs at locations that exist, in one statement.
     *
     * @return the levels added: not those of a SKU kept at that location already
     */
    List<StockLevel> insertAll(Collection<StockLevel> levels);

    /** Sets a SKU's own short-stock policy, or lets it follow the default (empty); the caller holds its lock. */
    void setShortStock(Sku sku, Optional<ShortStock> policy);

    /** Sets a SKU's low-stock threshold, or none (empty); the caller holds its lock. */
    void setLowStock(Sku sku, OptionalLong threshold);

    Optional<SkuStock> find(Sku sku);

    /** The stock of these SKUs, without locking it; unknown SKUs are absent. */
    Map<Sku, SkuStock> findAll(Collection<Sku> skus);

    /** SKUs in ascending order, starting after {@code after} when given. */
    List<SkuStock> list(Optional<Sku> after, int limit);

    /**
     * Adds a location or changes its name and priority.
     *
     * @return {@code true} if it was added
     */
    boolean save(Location location);

    /** Every location, by priority and id. */
    List<Location> locations();
}
