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
 */
@ConfigurationProperties("stocklock.limits")
record LimitSettings(
        @DefaultValue("1000") long maxUnitsPerRequest,
        @DefaultValue("1h") Duration maxHold,
        @DefaultValue("1000") long maxUnitsHeldPerOwner) {

    ReservationPolicy toPolicy() {
        return new ReservationPolicy(maxUnitsPerRequest, maxHold,
                maxUnitsHeldPerOwner == 0 ? Long.MAX_VALUE : maxUnitsHeldPerOwner);
    }
}
