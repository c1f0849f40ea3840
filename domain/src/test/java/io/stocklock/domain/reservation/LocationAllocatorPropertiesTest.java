package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.LocationId;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.LocationAllocator.Outcome;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rules of serving from several locations over thousands of random batches, each request decided first come,
 * first served on what the ones before it left. The seed is printed with every failure; replay one with
 * {@code -Dstocklock.seed=...}.
 */
class LocationAllocatorPropertiesTest {

    private static final List<Sku> SKUS = List.of(Sku.of("A"), Sku.of("B"), Sku.of("C"));

    @Test
    void everyRuleHoldsOverRandomBatches() {
        long seed = Long.getLong("stocklock.seed", System.nanoTime());
        var random = new SplittableRandom(seed);
        long served = 0;
        long refused = 0;
        for (int round = 0; round < 2_000; round++) {
            String context = "seed=" + seed + " round=" + round;
            Map<Sku, List<StockLevel>> stock = randomStock(random);
            Map<Sku, ShortStock> policies = new HashMap<>();
            SKUS.forEach(sku -> policies.put(sku, ShortStock.values()[random.nextInt(3)]));
            for (int n = random.nextInt(1, 40); n > 0; n--) {
                List<ReservationLine> asks = randomAsks(random);
                Placement placement = randomPlacement(random);
                Outcome outcome = LocationAllocator.serve(stock, asks, placement, policies);
                if (outcome instanceof Outcome.Served done) {
                    Map<Sku, List<StockLevel>> after = new TreeMap<>(stock);
                    after.putAll(done.after());
                    check(context, stock, after, done, asks, placement, policies);
                    stock = after;
                    served++;
                } else {
                    assertThat(LocationAllocator.serve(stock, asks, placement, policies))
                            .as(context + ": a refusal is a function of the stock").isEqualTo(outcome);
                    refused++;
                }
                // no location ever holds more than it has plus its backorder limit: a StockLevel that did would
                // have thrown when the allocator made it
            }
        }
        assertThat(served).as("requests served").isGreaterThan(5_000);
        assertThat(refused).as("requests refused").isGreaterThan(1_000);
    }

    private static void check(String context, Map<Sku, List<StockLevel>> before, Map<Sku, List<StockLevel>> after,
                              Outcome.Served done, List<ReservationLine> asks, Placement placement,
                              Map<Sku, ShortStock> policies) {
        assertThat(done.lines()).as(context + ": one allocation per line, all or nothing").hasSize(asks.size());
        for (int i = 0; i < asks.size(); i++) {
            ReservationLine ask = asks.get(i);
            LineAllocation.Served line = done.lines().get(i);
            ShortStock policy = policies.get(ask.sku());
            assertThat(line.sku()).isEqualTo(ask.sku());
            if (policy == ShortStock.PARTIAL) {
                assertThat(line.granted()).as(context + ": partial between minimum and asked")
                        .isBetween(ask.minimum().value(), ask.quantity().value());
            } else {
                assertThat(line.granted()).as(context + ": all that was asked").isEqualTo(ask.quantity().value());
            }
            if (policy != ShortStock.BACKORDER) {
                assertThat(line.backordered()).as(context + ": backorders only where allowed").isZero();
            }
            assertThat(line.picks()).extracting(Pick::location).doesNotHaveDuplicates();
            if (!placement.split()) {
                assertThat(line.picks()).as(context + ": one location unless split").hasSize(1);
            }
            placement.only().ifPresent(only -> assertThat(line.picks()).extracting(Pick::location)
                    .as(context + ": the named location only").containsOnly(only));
        }
        for (Sku sku : SKUS) {
            long granted = done.lines().stream().filter(line -> line.sku().equals(sku))
                    .mapToLong(LineAllocation.Served::granted).sum();
            long backordered = done.lines().stream().filter(line -> line.sku().equals(sku))
                    .mapToLong(LineAllocation.Served::backordered).sum();
            assertThat(reserved(after, sku) - reserved(before, sku))
                    .as(context + ": the SKU's total moves by what its lines got").isEqualTo(granted);
            assertThat(beyondHand(after, sku) - beyondHand(before, sku))
                    .as(context + ": backordered units are those promised beyond what is on hand")
                    .isEqualTo(backordered);
            for (StockLevel level : after.get(sku)) {
                long picked = done.lines().stream().filter(line -> line.sku().equals(sku))
                        .flatMap(line -> line.picks().stream()).filter(pick -> pick.location().equals(level.location()))
                        .mapToLong(Pick::units).sum();
                StockLevel was = before.get(sku).stream()
                        .filter(old -> old.location().equals(level.location())).findFirst().orElseThrow();
                assertThat(level.reserved() - was.reserved()).as(context + ": each location moves by its picks")
                        .isEqualTo(picked);
            }
        }
    }

    private static long reserved(Map<Sku, List<StockLevel>> stock, Sku sku) {
        return stock.get(sku).stream().mapToLong(StockLevel::reserved).sum();
    }

    private static long beyondHand(Map<Sku, List<StockLevel>> stock, Sku sku) {
        return stock.get(sku).stream().mapToLong(level -> Math.max(0, level.reserved() - level.onHand())).sum();
    }

    private static Map<Sku, List<StockLevel>> randomStock(SplittableRandom random) {
        Map<Sku, List<StockLevel>> stock = new TreeMap<>();
        int locations = random.nextInt(1, 6);
        for (Sku sku : SKUS) {
            List<StockLevel> levels = new ArrayList<>();
            for (int l = 0; l < locations; l++) {
                long onHand = random.nextInt(0, 30);
                long backorderLimit = random.nextInt(4) == 0 ? random.nextInt(1, 10) : 0;
                levels.add(new StockLevel(sku, LocationId.of("L" + l), random.nextInt(3), onHand,
                        random.nextLong(0, onHand + 1), backorderLimit, 0));
            }
            stock.put(sku, levels);
        }
        return stock;
    }

    private static List<ReservationLine> randomAsks(SplittableRandom random) {
        List<ReservationLine> asks = new ArrayList<>();
        for (Sku sku : SKUS) {
            if (random.nextInt(3) > 0 || (sku.equals(SKUS.get(2)) && asks.isEmpty())) {
                long quantity = random.nextInt(1, 20);
                asks.add(new ReservationLine(sku, Quantity.of(quantity), Quantity.of(random.nextLong(1, quantity + 1))));
            }
        }
        return asks;
    }

    private static Placement randomPlacement(SplittableRandom random) {
        Optional<LocationId> only = random.nextInt(4) == 0 ? Optional.of(LocationId.of("L" + random.nextInt(6)))
                : Optional.empty();
        return new Placement(only, Placement.Order.values()[random.nextInt(2)], random.nextBoolean());
    }
}
