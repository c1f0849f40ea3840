package io.stocklock.domain.reservation;

import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The sales a batch's SKUs belong to, and what each of its buyers got of them so far (held plus confirmed units), as
 * read under the locks the batch is decided under.
 *
 * @param sales   the sale of every SKU of the batch that belongs to one
 * @param counted what each buyer of those sales got of them; a buyer not named got nothing yet
 */
public record SaleLimits(Map<Sku, SaleLimit> sales, Map<SaleBuyer, Long> counted) {

    public static final SaleLimits NONE = new SaleLimits(Map.of(), Map.of());

    public SaleLimits {
        sales = Map.copyOf(sales);
        counted = Map.copyOf(counted);
    }

    /** The buyers whose counts deciding these requests needs, in the order they are locked in. */
    public static SortedSet<SaleBuyer> buyersOf(Map<Sku, SaleLimit> sales, Collection<ReservationRequest> requests) {
        SortedSet<SaleBuyer> buyers = new TreeSet<>();
        for (ReservationRequest request : requests) {
            request.lines().forEach(line -> Optional.ofNullable(sales.get(line.sku()))
                    .ifPresent(sale -> buyers.add(new SaleBuyer(sale.sale(), request.owner()))));
        }
        return buyers;
    }
}
