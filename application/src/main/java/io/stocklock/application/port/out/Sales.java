package io.stocklock.application.port.out;

import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Sales (limits per buyer over a set of SKUs) and what each buyer got of each, kept apart from reservations so that
 * the counts outlive their retention. Locking methods must run inside {@link Transactions#inTransaction}, after the
 * stock of the SKUs involved is locked: the one lock order is stock, then buyers' counts.
 */
public interface Sales {

    /** The limit of the sale of each of these SKUs that belongs to one; read under the SKUs' locks, which a change takes too. */
    Map<Sku, SaleLimit> ofSkus(Collection<Sku> skus);

    /**
     * Locks what these buyers got of their sales, in the set's order, in one statement, and reads it; a buyer who got
     * nothing yet is counted at zero, and locked all the same, so two transactions never both see that zero.
     */
    Map<SaleBuyer, Long> lockCounts(SortedSet<SaleBuyer> buyers);

    /** Adds to what buyers got (a negative change takes back); every row was locked by {@link #lockCounts}. */
    void addToCounts(Map<SaleBuyer, Long> changes);

    /** What this buyer got of this sale; zero if nothing. */
    long counted(SaleBuyer buyer);

    Optional<Sale> find(SaleId id);

    /** Adds or replaces a sale and its SKUs, none of which is in another sale; the caller holds the SKUs' locks. */
    void put(Sale sale);
}
