package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Placement;
import io.stocklock.domain.stock.ShortStock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one owner may ask of the stock in this deployment, within the contract's {@link RequestLimit}s: so that no
 * caller can hold a hot SKU's whole stock for days. Applied by the decision itself, whichever intake a request came
 * through: a request beyond it is rejected with the reason, a business result like insufficient stock.
 *
 * @param maxUnitsPerRequest   most units one request may ask for, over all its lines
 * @param maxHold              longest hold a request may ask for
 * @param maxUnitsHeldPerOwner most units of one SKU one owner may hold at once (RESERVED, not yet confirmed,
 *                             released or expired), this request included
 * @param placement            how a request that names no placement is served
 * @param shortStock           what a SKU without a short-stock policy of its own does with a line it cannot serve in
 *                             full from stock
 * @param maxTotalHold         longest a hold may last from its decision, extensions included; at least {@code maxHold}
 */
public record ReservationPolicy(long maxUnitsPerRequest, Duration maxHold, long maxUnitsHeldPerOwner,
                                Placement placement, ShortStock shortStock, Duration maxTotalHold) {

    /** How long a whole hold may last unless configured otherwise: two hours, or {@code maxHold} if that is longer. */
    public static Duration defaultTotalHold(Duration maxHold) {
        Duration twoHours = Duration.ofHours(2);
        return maxHold.compareTo(twoHours) > 0 ? maxHold : twoHours;
    }

    /**
     * What a deployment gets unless it configures otherwise: 1,000 units per request, holds of at most an hour, and
     * 1,000 units of one SKU per owner at once.
     */
    public static final ReservationPolicy DEFAULTS = new ReservationPolicy(1_000, Duration.ofHours(1), 1_000);

    /** Served by location priority from one location; short lines rejected; holds extended up to the default cap. */
    public ReservationPolicy(long maxUnitsPerRequest, Duration maxHold, long maxUnitsHeldPerOwner) {
        this(maxUnitsPerRequest, maxHold, maxUnitsHeldPerOwner, Placement.DEFAULT, ShortStock.REJECT,
                defaultTotalHold(maxHold));
    }

    /** Only the contract's own limits. */
    public static final ReservationPolicy CONTRACT = new ReservationPolicy(Long.MAX_VALUE,
            ReservationRequest.MAX_HOLD, Long.MAX_VALUE);

    public ReservationPolicy {
        Objects.requireNonNull(maxHold, "maxHold");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(shortStock, "shortStock");
        Objects.requireNonNull(maxTotalHold, "maxTotalHold");
        if (maxUnitsPerRequest < 1 || maxUnitsHeldPerOwner < 1 || maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("the limits of a reservation policy must be positive");
        }
        if (maxTotalHold.compareTo(maxHold) < 0) {
            throw new IllegalArgumentException("a whole hold (" + maxTotalHold.toSeconds() + " s) may not be shorter "
                    + "than the longest hold a request may ask for (" + maxHold.toSeconds() + " s)");
        }
    }

    /** Why the request alone, whatever the stock, asks for more than allowed; empty when it does not. */
    public Optional<String> refusal(ReservationRequest request) {
        long units = request.lines().stream().mapToLong(line -> line.quantity().value()).sum();
        if (units > maxUnitsPerRequest) {
            return Optional.of("the request asks for " + units + " units; at most " + maxUnitsPerRequest
                    + " per request are allowed");
        }
        if (request.holdFor().compareTo(maxHold) > 0) {
            return Optional.of("the request asks for a hold of " + request.holdFor().toSeconds()
                    + " seconds; at most " + maxHold.toSeconds() + " are allowed");
        }
        return Optional.empty();
    }

    /** Whether holdings per owner are limited at all, so a decision needs to know them. */
    public boolean limitsHoldings() {
        return maxUnitsHeldPerOwner != Long.MAX_VALUE;
    }
}
