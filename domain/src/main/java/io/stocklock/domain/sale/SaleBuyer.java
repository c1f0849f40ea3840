package io.stocklock.domain.sale;

import java.util.Comparator;
import java.util.Objects;

/** One buyer in one sale: the key of what the buyer got of it. Sorted by sale, then buyer (the order it is locked in). */
public record SaleBuyer(SaleId sale, String buyer) implements Comparable<SaleBuyer> {

    private static final Comparator<SaleBuyer> ORDER = Comparator.comparing(SaleBuyer::sale)
            .thenComparing(SaleBuyer::buyer);

    public SaleBuyer {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(buyer, "buyer");
    }

    @Override
    public int compareTo(SaleBuyer other) {
        return ORDER.compare(this, other);
    }
}
