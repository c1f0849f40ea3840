package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves requests from stock kept per location. A request gets all of its lines or none; each line is served by the
 * locations its {@link Placement} allows, in its order, from one of them unless it may split; what is in stock is
 * taken before anything is backordered. Pure: it decides on the levels it is given, which the caller has locked.
 */
public final class LocationAllocator {

    /** A request's outcome: every line served, with the levels after it, or the reason it is refused. */
    public sealed interface Outcome {

        /** @param after the levels of the request's SKUs after it; the other SKUs are as they were */
        record Served(List<LineAllocation.Served> lines, Map<Sku, List<StockLevel>> after) implements Outcome {
        }

        record Refused(RejectionCode code, String reason) implements Outcome {
        }
    }

    private LocationAllocator() {
    }

    /**
     * @param stock      every location's level of the request's SKUs; a SKU without any is unknown
     * @param shortStock each SKU's policy; {@link ShortStock#REJECT} when absent
     */
    public static Outcome serve(Map<Sku, List<StockLevel>> stock, List<ReservationLine> lines, Placement placement,
                                Map<Sku, ShortStock> shortStock) {
        Map<Sku, List<StockLevel>> after = new HashMap<>();
        List<LineAllocation.Served> served = new ArrayList<>(lines.size());
        for (ReservationLine line : lines) {
            List<StockLevel> levels = after.getOrDefault(line.sku(), stock.getOrDefault(line.sku(), List.of()));
            LineAllocation allocation = serve(line, levels, placement,
                    shortStock.getOrDefault(line.sku(), ShortStock.REJECT));
            if (allocation instanceof LineAllocation.Refused refused) {
                return new Outcome.Refused(refused.code(), refused.reason());
            }
            var servedLine = (LineAllocation.Served) allocation;
            after.put(line.sku(), taken(levels, servedLine));
            served.add(servedLine);
        }
        return new Outcome.Served(served, after);
    }

    /** One line against the levels of its SKU. */
    public static LineAllocation serve(ReservationLine line, List<StockLevel> levels, Placement placement,
                                       ShortStock shortStock) {
        Sku sku = line.sku();
        if (levels.isEmpty()) {
            return new LineAllocation.Refused(sku, RejectionCode.UNKNOWN_SKU, "unknown SKU " + sku);
        }
        // one location and no choice to make: the common case, without sorting
        List<StockLevel> candidates = levels.size() == 1 && placement.only().isEmpty() ? levels : levels.stream()
                .filter(level -> placement.only().map(level.location()::equals).orElse(true))
                .sorted(order(placement.order()))
                .toList();
        if (candidates.isEmpty()) {
            return new LineAllocation.Refused(sku, RejectionCode.INSUFFICIENT_STOCK, "no stock of " + sku + " is kept at " + placement.only().get());
        }
        long asked = line.quantity().value();
        long least = shortStock == ShortStock.PARTIAL ? line.minimum().value() : asked;
        boolean backorder = shortStock == ShortStock.BACKORDER;
        Map<StockLevel, Long> units = placement.split()
                ? split(candidates, asked, backorder)
                : single(candidates, asked, least, backorder);
        long granted = units.values().stream().mapToLong(Long::longValue).sum();
        if (granted < least) {
            long inStock = candidates.stream().mapToLong(StockLevel::available).sum();
            return new LineAllocation.Refused(sku, RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of " + sku + ": requested " + asked
                    + (least < asked ? " (at least " + least + ")" : "") + ", available " + inStock
                    + (placement.split() || candidates.size() == 1 ? "" : " over " + candidates.size()
                    + " locations, none of which can serve it alone"));
        }
        List<Pick> picks = new ArrayList<>(units.size());
        units.forEach((level, taken) -> picks.add(new Pick(sku, level.location(), taken,
                level.backorderedBy(taken))));
        return new LineAllocation.Served(sku, asked, picks);
    }

    /** From stock, location after location; then, if allowed, backordered in the same order. */
    private static Map<StockLevel, Long> split(List<StockLevel> candidates, long asked, boolean backorder) {
        Map<StockLevel, Long> units = new LinkedHashMap<>();
        long left = asked;
        for (StockLevel level : candidates) {
            long taken = Math.min(left, level.available());
            if (taken > 0) {
                units.put(level, taken);
                left -= taken;
            }
        }
        for (int i = 0; backorder && left > 0 && i < candidates.size(); i++) {
            StockLevel level = candidates.get(i);
            long taken = Math.min(left, level.backorderable());
            if (taken > 0) {
                units.merge(level, taken, Long::sum);
                left -= taken;
            }
        }
        return units;
    }

    /**
     * One location: the first that has it all in stock; else, if allowed, the first that can backorder the rest;
     * else the one with most in stock, if that is at least {@code least}.
     */
    private static Map<StockLevel, Long> single(List<StockLevel> candidates, long asked, long least,
                                                   boolean backorder) {
        for (StockLevel level : candidates) {
            if (level.available() >= asked) {
                return Map.of(level, asked);
            }
        }
        if (backorder) {
            for (StockLevel level : candidates) {
                if (level.available() + level.backorderable() >= asked) {
                    return Map.of(level, asked);
                }
            }
        }
        StockLevel most = candidates.stream().max(Comparator.comparingLong(StockLevel::available)).orElseThrow();
        return most.available() >= least && most.available() > 0 ? Map.of(most, most.available()) : Map.of();
    }

    private static List<StockLevel> taken(List<StockLevel> levels, LineAllocation.Served line) {
        Map<LocationId, Long> units = new LinkedHashMap<>();
        line.picks().forEach(pick -> units.put(pick.location(), pick.units()));
        return levels.stream()
                .map(level -> units.containsKey(level.location()) ? level.reserve(units.get(level.location())) : level)
                .toList();
    }

    private static Comparator<StockLevel> order(Placement.Order order) {
        Comparator<StockLevel> byPriority = Comparator.comparingInt(StockLevel::priority)
                .thenComparing(StockLevel::location);
        return order == Placement.Order.PRIORITY ? byPriority
                : Comparator.comparingLong(StockLevel::available).reversed().thenComparing(byPriority);
    }
}
