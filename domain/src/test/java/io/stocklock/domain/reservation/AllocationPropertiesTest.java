package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks the allocation rules over thousands of random batches. The seed is printed with every failure;
 * replay one with {@code -Dstocklock.seed=...}.
 */
class AllocationPropertiesTest {

    private static final int BATCHES = 5_000;

    @Test
    void invariantsHoldOverRandomBatches() {
        long seed = Long.getLong("stocklock.seed", System.nanoTime());
        var random = new SplittableRandom(seed);
        for (int round = 0; round < BATCHES; round++) {
            List<StockLevel> locked = randomLevels(random);
            List<ReservationRequest> batch = randomBatch(random);
            Allocation allocation = Allocation.decide(locked.stream().map(SkuStock::of).toList(), batch);
            String context = "seed=" + seed + " round=" + round;
            checkInvariants(locked, batch, allocation, context);
        }
    }

    private static void checkInvariants(List<StockLevel> locked, List<ReservationRequest> batch, Allocation allocation,
                                        String context) {
        assertThat(allocation.decisions()).as(context).hasSameSizeAs(batch);

        Map<Sku, Long> expectedReserved = new HashMap<>();
        locked.forEach(level -> expectedReserved.put(level.sku(), level.reserved()));
        Map<Sku, Long> available = new HashMap<>();
        locked.forEach(level -> available.put(level.sku(), level.available()));

        for (int i = 0; i < batch.size(); i++) {
            Decision decision = allocation.decisions().get(i);
            ReservationRequest request = batch.get(i);
            assertThat(decision.request()).as(context).isSameAs(request);
            // replay first come, first served: the decision must be exactly what the stock left allows
            boolean fits = request.lines().stream().allMatch(line ->
                    available.containsKey(line.sku()) && available.get(line.sku()) >= line.quantity().value());
            assertThat(decision instanceof Decision.Reserved).as(context + " request " + i).isEqualTo(fits);
            if (fits) {
                request.lines().forEach(line -> {
                    available.merge(line.sku(), -line.quantity().value(), Long::sum);
                    expectedReserved.merge(line.sku(), line.quantity().value(), Long::sum);
                });
            }
        }
        for (StockLevel before : locked) {
            StockLevel after = allocation.stock().get(before.sku()).locations().get(0);
            assertThat(after.onHand()).as(context).isEqualTo(before.onHand());
            assertThat(after.reserved()).as(context).isEqualTo(expectedReserved.get(before.sku()));
            assertThat(after.available()).as(context).isGreaterThanOrEqualTo(0);
        }
    }

    private static List<StockLevel> randomLevels(SplittableRandom random) {
        List<StockLevel> levels = new ArrayList<>();
        int skus = random.nextInt(1, 6);
        for (int i = 0; i < skus; i++) {
            long onHand = random.nextInt(0, 50);
            levels.add(new StockLevel(Sku.of("S" + i), onHand, random.nextLong(0, onHand + 1)));
        }
        return levels;
    }

    private static List<ReservationRequest> randomBatch(SplittableRandom random) {
        List<ReservationRequest> batch = new ArrayList<>();
        int size = random.nextInt(0, 40);
        for (int i = 0; i < size; i++) {
            List<ReservationLine> lines = new ArrayList<>();
            int lineCount = random.nextInt(1, 4);
            for (int j = 0; j < lineCount; j++) {
                // S0..S6: S5 and S6 are never in stock, and repeats of one SKU are common
                lines.add(ReservationLine.of("S" + random.nextInt(0, 7), random.nextInt(1, 8)));
            }
            batch.add(new ReservationRequest(ReservationId.generate(), "buyer", lines, Duration.ofMinutes(1)));
        }
        return batch;
    }
}
