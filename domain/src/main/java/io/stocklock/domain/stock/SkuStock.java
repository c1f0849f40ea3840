package io.stocklock.domain.stock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A SKU's stock: its level at every location that keeps it, and what it does when a line asks for more than is in
 * stock. Its totals are the sums of its locations; its version (the ETag of the SKU) is the sum of theirs, so it
 * changes whenever the on-hand count of any location does.
 *
 * @param shortStock the SKU's own short-stock policy; empty when it follows the deployment's default
 * @param lowStockAt at how many available units the SKU counts as running low ({@link StockLevelEvent}); empty for
 *                   never
 * @param locations  one level per location, in location order
 */
public record SkuStock(Sku sku, Optional<ShortStock> shortStock, OptionalLong lowStockAt, List<StockLevel> locations) {

    public SkuStock {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(shortStock, "shortStock");
        Objects.requireNonNull(lowStockAt, "lowStockAt");
        if (lowStockAt.isPresent() && lowStockAt.getAsLong() < 0) {
            throw new IllegalArgumentException("a low-stock threshold is not negative, was " + lowStockAt.getAsLong());
        }
        locations = locations.stream().sorted(Comparator.comparing(StockLevel::location)).toList();
        if (locations.isEmpty() || locations.stream().anyMatch(level -> !level.sku().equals(sku))) {
            throw new IllegalArgumentException("the stock of " + sku + " is one or more levels of " + sku);
        }
    }

    /** A SKU without a low-stock threshold. */
    public SkuStock(Sku sku, Optional<ShortStock> shortStock, List<StockLevel> locations) {
        this(sku, shortStock, OptionalLong.empty(), locations);
    }

    /** A SKU kept at one location only, following the default short-stock policy. */
    public static SkuStock of(StockLevel level) {
        return new SkuStock(level.sku(), Optional.empty(), List.of(level));
    }

    public long onHand() {
        return locations.stream().mapToLong(StockLevel::onHand).sum();
    }

    public long reserved() {
        return locations.stream().mapToLong(StockLevel::reserved).sum();
    }

    public long available() {
        return locations.stream().mapToLong(StockLevel::available).sum();
    }

    public long backordered() {
        return locations.stream().mapToLong(StockLevel::backordered).sum();
    }

    /**
     * Nothing left to give: no unit available at any location, and no backorder to take instead (the SKU does not
     * backorder, or no location may promise more). Whatever it asks, a request for it is rejected.
     *
     * @param whenUnset the deployment's short-stock policy, for a SKU without one of its own
     */
    public boolean isSoldOut(ShortStock whenUnset) {
        boolean backorders = shortStock.orElse(whenUnset) == ShortStock.BACKORDER;
        return locations.stream().allMatch(level -> level.available() == 0
                && (!backorders || level.backorderable() == 0));
    }

    public long version() {
        return locations.stream().mapToLong(StockLevel::version).sum();
    }

    public Optional<StockLevel> at(LocationId location) {
        return locations.stream().filter(level -> level.location().equals(location)).findFirst();
    }

    /** The stock with this location's level replaced or added. */
    public SkuStock with(StockLevel level) {
        List<StockLevel> levels = new ArrayList<>(locations);
        levels.removeIf(each -> each.location().equals(level.location()));
        levels.add(level);
        return new SkuStock(sku, shortStock, lowStockAt, levels);
    }

    public SkuStock with(Optional<ShortStock> policy) {
        return new SkuStock(sku, policy, lowStockAt, locations);
    }

    public SkuStock withLowStockAt(OptionalLong threshold) {
        return new SkuStock(sku, shortStock, threshold, locations);
    }

    /** Restock or write off at one location. */
    public StockChange adjust(LocationId location, long delta) {
        return change(location, level -> level.adjust(delta));
    }

    /** Sets on hand at one location if the SKU did not change since the caller read {@code expectedVersion}. */
    public StockChange setOnHand(LocationId location, long expectedVersion, long newOnHand) {
        if (expectedVersion != version()) {
            return new StockChange.Refused(StockChange.RefusalCode.STALE_EXPECTATION,
                    "on-hand of " + sku + " changed since version " + expectedVersion + "; it is version " + version());
        }
        return change(location, level -> level.setOnHand(level.version(), newOnHand));
    }

    public StockChange limitBackorders(LocationId location, long newLimit) {
        return change(location, level -> level.limitBackorders(newLimit));
    }

    private StockChange change(LocationId location, Function<StockLevel, StockChange> change) {
        return at(location).map(change).orElseGet(() -> new StockChange.Refused(
                StockChange.RefusalCode.NOT_KEPT_THERE, "no stock of " + sku + " is kept at " + location));
    }
}
