package io.stocklock.benchmarks;

import io.stocklock.domain.reservation.ReservationLine;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** What the buyers ask for. Every SKU is stocked far beyond what a run can sell: the runs measure locking, not sell-outs. */
enum Workload {

    HOT("one hot SKU", 1) {
        @Override
        List<ReservationLine> lines(Random random) {
            return List.of(ReservationLine.of(sku(0), 1));
        }
    },
    UNIFORM("10,000 SKUs, uniform", 10_000) {
        @Override
        List<ReservationLine> lines(Random random) {
            return List.of(ReservationLine.of(sku(random.nextInt(skus)), 1));
        }
    },
    ZIPF("10,000 SKUs, Zipf s=1", 10_000) {
        @Override
        List<ReservationLine> lines(Random random) {
            return List.of(ReservationLine.of(sku(zipf(random)), 1));
        }
    },
    MULTI_LINE("10,000 SKUs, Zipf, 10% multi-line", 10_000) {
        @Override
        List<ReservationLine> lines(Random random) {
            int count = random.nextInt(10) == 0 ? 2 + random.nextInt(2) : 1;
            TreeMap<String, Integer> lines = new TreeMap<>();
            while (lines.size() < count) {
                lines.put(sku(zipf(random)), 1);
            }
            return lines.entrySet().stream().map(line -> ReservationLine.of(line.getKey(), line.getValue())).toList();
        }
    };

    final String label;
    final int skus;
    private final double[] zipfCumulative;

    Workload(String label, int skus) {
        this.label = label;
        this.skus = skus;
        this.zipfCumulative = new double[skus];
        double sum = 0;
        for (int rank = 0; rank < skus; rank++) {
            sum += 1.0 / (rank + 1);
            zipfCumulative[rank] = sum;
        }
        for (int rank = 0; rank < skus; rank++) {
            zipfCumulative[rank] /= sum;
        }
    }

    abstract List<ReservationLine> lines(Random random);

    /** SKU names sort like their numbers, so the hottest SKU of the Zipf workloads is {@code SKU-00000}. */
    static String sku(int i) {
        return "SKU-%05d".formatted(i);
    }

    /** A rank drawn with probability proportional to 1 / rank: the top SKU takes about 10% of the requests. */
    int zipf(Random random) {
        int at = java.util.Arrays.binarySearch(zipfCumulative, random.nextDouble());
        return Math.min(skus - 1, at >= 0 ? at : -at - 1);
    }
}
