package io.stocklock.domain.sale;

import io.stocklock.domain.stock.Sku;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A limit on what one buyer may get of a set of SKUs: the units a buyer holds plus the units a buyer confirmed, over
 * all SKUs of the sale, never exceed {@code maxUnitsPerBuyer}. A SKU belongs to one sale at most; a limit on one SKU
 * is a sale of that SKU alone.
 */
public record Sale(SaleId id, long maxUnitsPerBuyer, SortedSet<Sku> skus) {

    /** Most SKUs one sale spans. */
    public static final int MAX_SKUS = 1_000;

    public Sale {
        Objects.requireNonNull(id, "id");
        skus = Collections.unmodifiableSortedSet(new TreeSet<>(skus));
        new SaleLimit(id, maxUnitsPerBuyer);
        if (skus.isEmpty() || skus.size() > MAX_SKUS) {
            throw new IllegalArgumentException("a sale spans 1-" + MAX_SKUS + " SKUs, was " + skus.size());
        }
    }

    public SaleLimit limit() {
        return new SaleLimit(id, maxUnitsPerBuyer);
    }

    public static Sale of(SaleId id, long maxUnitsPerBuyer, Collection<Sku> skus) {
        return new Sale(id, maxUnitsPerBuyer, new TreeSet<>(skus));
    }
}
