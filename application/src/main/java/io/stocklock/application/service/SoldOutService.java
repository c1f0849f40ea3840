package io.stocklock.application.service;

import io.stocklock.application.port.in.RefreshSoldOut;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SKUs this instance knows to have nothing left to give ({@link SkuStock#isSoldOut}), so that the door refuses
 * their buyers without waiting on their lock or reading their stock. A SKU is marked when a decision committed under
 * its lock left it sold out, and unmarked when this instance sees units again: a later decision found some, or
 * {@link #refresh}, which the service runs every {@code stocklock.background.sold-out-refresh-period}, read some. So a
 * restock, release, expiry or cancellation on any instance is seen by every instance within two of those periods.
 * Only a refusal can be wrong for that long; nothing is ever reserved because of what this set says.
 */
public final class SoldOutService implements RefreshSoldOut {

    private final Set<Sku> soldOut = ConcurrentHashMap.newKeySet();
    private final Inventory inventory;
    private final ShortStock whenUnset;

    /** @param whenUnset the deployment's short-stock policy, for SKUs without one of their own */
    public SoldOutService(Inventory inventory, ShortStock whenUnset) {
        this.inventory = inventory;
        this.whenUnset = whenUnset;
    }

    /** A SKU of the request known to be sold out, if any: the request can only be rejected. */
    public Optional<Sku> soldOutIn(ReservationRequest request) {
        if (soldOut.isEmpty()) {
            return Optional.empty();
        }
        return request.lines().stream().map(ReservationLine::sku).filter(soldOut::contains).findFirst();
    }

    /** What a committed decision saw of its SKUs under their locks, after it took what it took. */
    void learn(Collection<SkuStock> after) {
        for (SkuStock stock : after) {
            if (stock.isSoldOut(whenUnset)) {
                soldOut.add(stock.sku());
            } else {
                soldOut.remove(stock.sku());
            }
        }
    }

    /**
     * Reads the stock of the SKUs marked sold out, without locking it, and unmarks those that have something to give
     * again (or are gone).
     *
     * @return how many were unmarked
     */
    @Override
    public int refresh() {
        if (soldOut.isEmpty()) {
            return 0;
        }
        Set<Sku> marked = Set.copyOf(soldOut);
        Map<Sku, SkuStock> now = inventory.findAll(marked);
        int back = 0;
        for (Sku sku : marked) {
            SkuStock stock = now.get(sku);
            if ((stock == null || !stock.isSoldOut(whenUnset)) && soldOut.remove(sku)) {
                back++;
            }
        }
        return back;
    }

    /** How many SKUs are marked sold out now. */
    public int size() {
        return soldOut.size();
    }
}
