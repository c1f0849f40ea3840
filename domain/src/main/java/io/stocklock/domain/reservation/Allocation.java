package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides an ordered batch of requests against stock levels that the caller has locked. Requests are decided
 * first come, first served: each one sees what the requests before it left. A request gets all of its lines or
 * nothing, and no decision ever takes {@code available} below zero. A request beyond the {@link ReservationPolicy}
 * is rejected whatever the stock, and so is one that would take its owner's holding of a SKU above the policy's
 * cap, counting what the requests before it in the batch reserved.
 *
 * @param decisions one per request, in the order of the batch
 * @param levels    the stock levels after the batch, for every SKU that was given
 */
public record Allocation(List<Decision> decisions, Map<Sku, StockLevel> levels) {

    public Allocation {
        decisions = List.copyOf(decisions);
        levels = Map.copyOf(levels);
    }

    public static Allocation decide(Collection<StockLevel> locked, List<ReservationRequest> batch) {
        return decide(locked, batch, ReservationPolicy.CONTRACT, Map.of());
    }

    /**
     * @param held what owners of the batch hold now of its SKUs (RESERVED units); needed only when the policy
     *             {@linkplain ReservationPolicy#limitsHoldings() limits holdings}, and read under the same locks
     */
    public static Allocation decide(Collection<StockLevel> locked, List<ReservationRequest> batch,
                                    ReservationPolicy policy, Map<Holding, Long> held) {
        Map<Sku, StockLevel> levels = new TreeMap<>();
        locked.forEach(level -> levels.put(level.sku(), level));
        Map<Holding, Long> holdings = new HashMap<>(held);
        List<Decision> decisions = new ArrayList<>(batch.size());
        for (ReservationRequest request : batch) {
            Decision decision = decideOne(levels, request, policy, holdings);
            if (decision instanceof Decision.Reserved) {
                request.lines().forEach(line -> {
                    levels.computeIfPresent(line.sku(), (sku, level) -> level.reserve(line.quantity().value()));
                    holdings.merge(new Holding(request.owner(), line.sku()), line.quantity().value(), Long::sum);
                });
            }
            decisions.add(decision);
        }
        return new Allocation(decisions, levels);
    }

    private static Decision decideOne(Map<Sku, StockLevel> levels, ReservationRequest request,
                                      ReservationPolicy policy, Map<Holding, Long> holdings) {
        var refusal = policy.refusal(request);
        if (refusal.isPresent()) {
            return new Decision.Rejected(request, Decision.RejectionCode.OVER_LIMIT, refusal.get());
        }
        // lines are already summed per SKU, so checking each line alone checks the whole request
        for (ReservationLine line : request.lines()) {
            StockLevel level = levels.get(line.sku());
            if (level == null) {
                return new Decision.Rejected(request, Decision.RejectionCode.UNKNOWN_SKU,
                        "unknown SKU " + line.sku());
            }
            if (!level.canReserve(line.quantity().value())) {
                return new Decision.Rejected(request, Decision.RejectionCode.INSUFFICIENT_STOCK,
                        "insufficient stock of " + line.sku() + ": requested " + line.quantity()
                                + ", available " + level.available());
            }
        }
        if (policy.limitsHoldings()) {
            for (ReservationLine line : request.lines()) {
                long holding = holdings.getOrDefault(new Holding(request.owner(), line.sku()), 0L);
                if (holding + line.quantity().value() > policy.maxUnitsHeldPerOwner()) {
                    return new Decision.Rejected(request, Decision.RejectionCode.OVER_LIMIT, request.owner()
                            + " holds " + holding + " units of " + line.sku() + "; with " + line.quantity()
                            + " more it would hold more than the " + policy.maxUnitsHeldPerOwner()
                            + " allowed at once");
                }
            }
        }
        return new Decision.Reserved(request);
    }
}
