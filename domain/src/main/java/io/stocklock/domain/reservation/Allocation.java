package io.stocklock.domain.reservation;

import io.stocklock.domain.reservation.LocationAllocator.Outcome;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides an ordered batch of requests against the stock the caller has locked. Requests are decided first come,
 * first served: each one sees what the requests before it left. A request gets all of its lines or nothing; each line
 * is served by the locations its placement allows ({@link LocationAllocator}), and beyond what is in stock only as
 * its SKU's short-stock policy says. A request beyond the {@link ReservationPolicy} is rejected whatever the stock, and
 * so is one that would take its owner's holding of a SKU above the policy's cap, counting what the requests before it
 * in the batch reserved, and so is one that would give its owner more of a sale than one buyer may.
 *
 * @param decisions one per request, in the order of the batch
 * @param stock     the stock after the batch, for every SKU that was given
 */
public record Allocation(List<Decision> decisions, Map<Sku, SkuStock> stock) {

    public Allocation {
        decisions = List.copyOf(decisions);
        stock = Map.copyOf(stock);
    }

    public static Allocation decide(Collection<SkuStock> locked, List<ReservationRequest> batch) {
        return decide(locked, batch, ReservationPolicy.CONTRACT, Map.of());
    }

    /**
     * @param held what owners of the batch hold now of its SKUs (RESERVED units); needed only when the policy
     *             {@linkplain ReservationPolicy#limitsHoldings() limits holdings}, and read under the same locks
     */
    public static Allocation decide(Collection<SkuStock> locked, List<ReservationRequest> batch,
                                    ReservationPolicy policy, Map<Holding, Long> held) {
        return decide(locked, batch, policy, held, SaleLimits.NONE);
    }

    /** @param sales the sales of the batch's SKUs and what its buyers got of them, read under the same locks */
    public static Allocation decide(Collection<SkuStock> locked, List<ReservationRequest> batch,
                                    ReservationPolicy policy, Map<Holding, Long> held, SaleLimits sales) {
        return decide(locked, batch, policy, held, sales, Set.of());
    }

    /**
     * @param waitedFor SKUs buyers wait for on their waiting list, read under the same locks: what comes back of them
     *                  is theirs first, so a request for one is rejected as if it were sold out
     */
    public static Allocation decide(Collection<SkuStock> locked, List<ReservationRequest> batch,
                                    ReservationPolicy policy, Map<Holding, Long> held, SaleLimits sales,
                                    Set<Sku> waitedFor) {
        Map<Sku, List<StockLevel>> levels = new TreeMap<>();
        Map<Sku, ShortStock> shortStock = new HashMap<>();
        locked.forEach(stock -> {
            levels.put(stock.sku(), stock.locations());
            shortStock.put(stock.sku(), stock.shortStock().orElse(policy.shortStock()));
        });
        Map<Holding, Long> holdings = new HashMap<>(held);
        Map<SaleBuyer, Long> counted = new HashMap<>(sales.counted());
        List<Decision> decisions = new ArrayList<>(batch.size());
        for (ReservationRequest request : batch) {
            Decision decision = decideOne(levels, shortStock, request, policy, holdings, sales.sales(), counted,
                    waitedFor);
            if (decision instanceof Decision.Reserved reserved) {
                reserved.picks().forEach(pick -> {
                    holdings.merge(new Holding(request.owner(), pick.sku()), pick.units(), Long::sum);
                    SaleLimit sale = sales.sales().get(pick.sku());
                    if (sale != null) {
                        counted.merge(new SaleBuyer(sale.sale(), request.owner()), pick.units(), Long::sum);
                    }
                });
            }
            decisions.add(decision);
        }
        Map<Sku, SkuStock> after = new TreeMap<>();
        locked.forEach(stock -> after.put(stock.sku(),
                new SkuStock(stock.sku(), stock.shortStock(), stock.lowStockAt(), levels.get(stock.sku()))));
        return new Allocation(decisions, after);
    }

    /** Decides one request; when it is reserved, {@code levels} are left as it leaves them. */
    private static Decision decideOne(Map<Sku, List<StockLevel>> levels, Map<Sku, ShortStock> shortStock,
                                      ReservationRequest request, ReservationPolicy policy,
                                      Map<Holding, Long> holdings, Map<Sku, SaleLimit> sales,
                                      Map<SaleBuyer, Long> counted, Set<Sku> waitedFor) {
        var refusal = policy.refusal(request);
        if (refusal.isPresent()) {
            return new Decision.Rejected(request, RejectionCode.OVER_LIMIT, refusal.get());
        }
        Optional<Sku> waited = request.lines().stream().map(ReservationLine::sku).filter(waitedFor::contains)
                .findFirst();
        if (waited.isPresent()) {
            return new Decision.Rejected(request, RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of "
                    + waited.get() + ": buyers are waiting for it; join its waiting list");
        }
        // lines are already summed per SKU, so serving each line alone serves the whole request
        Outcome outcome = LocationAllocator.serve(levels, request.lines(),
                request.placement().orElse(policy.placement()), shortStock);
        if (outcome instanceof Outcome.Refused refused) {
            return new Decision.Rejected(request, refused.code(), refused.reason());
        }
        var served = (Outcome.Served) outcome;
        if (policy.limitsHoldings()) {
            for (LineAllocation.Served line : served.lines()) {
                long holding = holdings.getOrDefault(new Holding(request.owner(), line.sku()), 0L);
                if (holding + line.granted() > policy.maxUnitsHeldPerOwner()) {
                    return new Decision.Rejected(request, RejectionCode.OVER_LIMIT, request.owner()
                            + " holds " + holding + " units of " + line.sku() + "; with " + line.granted()
                            + " more it would hold more than the " + policy.maxUnitsHeldPerOwner()
                            + " allowed at once");
                }
            }
        }
        Map<SaleLimit, Long> perSale = new TreeMap<>(Comparator.comparing(SaleLimit::sale));
        served.lines().forEach(line -> Optional.ofNullable(sales.get(line.sku()))
                .ifPresent(sale -> perSale.merge(sale, line.granted(), Long::sum)));
        for (Map.Entry<SaleLimit, Long> wanted : perSale.entrySet()) {
            SaleLimit sale = wanted.getKey();
            long got = counted.getOrDefault(new SaleBuyer(sale.sale(), request.owner()), 0L);
            if (got + wanted.getValue() > sale.maxUnitsPerBuyer()) {
                return new Decision.Rejected(request, RejectionCode.SALE_LIMIT, request.owner() + " has " + got
                        + " units of sale " + sale.sale() + "; with " + wanted.getValue()
                        + " more it would have more than the " + sale.maxUnitsPerBuyer() + " allowed per buyer");
            }
        }
        levels.putAll(served.after());
        return new Decision.Reserved(request,
                served.lines().stream().flatMap(line -> line.picks().stream()).toList());
    }
}
