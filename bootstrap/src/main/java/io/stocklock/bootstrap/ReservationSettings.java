package io.stocklock.bootstrap;

import io.stocklock.domain.location.Placement;
import io.stocklock.domain.stock.ShortStock;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How requests are served when they do not say ({@code stocklock.reservations.*}).
 *
 * @param placementOrder the order locations are tried in for a request that names no placement (PRIORITY)
 * @param split          whether such a request's lines may be served from several locations (false)
 * @param shortStock     what a SKU without a policy of its own does with a line stock cannot serve in full (REJECT)
 */
@ConfigurationProperties("stocklock.reservations")
record ReservationSettings(Placement.Order placementOrder, Boolean split, ShortStock shortStock) {

    Placement placement() {
        return new Placement(Optional.empty(), placementOrder == null ? Placement.Order.PRIORITY : placementOrder,
                split != null && split);
    }

    ShortStock shortStockOrDefault() {
        return shortStock == null ? ShortStock.REJECT : shortStock;
    }
}
