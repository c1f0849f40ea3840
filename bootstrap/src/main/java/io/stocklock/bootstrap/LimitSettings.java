package io.stocklock.bootstrap;

import io.stocklock.domain.reservation.ReservationPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one owner may ask of the stock ({@code stocklock.limits.*}), on both intakes, checked inside the decision: a
 * request beyond them is REJECTED with the reason (over HTTP a request beyond the first two is answered 422
 * quantity-limit at once). The contract's own limits (docs/api.md) hold whatever is configured here.
 *
 * @param maxUnitsPerRequest   most units one request may ask for, over all its lines
 * @param maxHold              longest hold a request may ask for ({@code holdSeconds})
 * @param maxUnitsHeldPerOwner most units of one SKU one owner may hold at once; 0 for no cap
 * @param maxTotalHold         longest a hold may last from its decision, extensions included
 *                             (each unset: {@link ReservationPolicy#DEFAULTS})
 * @param maxWaitingPerSku     most buyers waiting for one SKU at once (its waiting list)
 */
@ConfigurationProperties("stocklock.limits")
record LimitSettings(Long maxUnitsPerRequest, Duration maxHold, Long maxUnitsHeldPerOwner, Duration maxTotalHold,
                     @DefaultValue("10000") long maxWaitingPerSku) {

    /** @param reservations how requests that do not say are served */
    ReservationPolicy toPolicy(ReservationSettings reservations) {
        ReservationPolicy defaults = ReservationPolicy.DEFAULTS;
        long held = maxUnitsHeldPerOwner == null ? defaults.maxUnitsHeldPerOwner() : maxUnitsHeldPerOwner;
        Duration hold = maxHold == null ? defaults.maxHold() : maxHold;
        return new ReservationPolicy(maxUnitsPerRequest == null ? defaults.maxUnitsPerRequest() : maxUnitsPerRequest,
                hold, held == 0 ? Long.MAX_VALUE : held, reservations.placement(), reservations.shortStockOrDefault(),
                maxTotalHold == null ? ReservationPolicy.defaultTotalHold(hold) : maxTotalHold);
    }
}
