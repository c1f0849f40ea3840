package io.stocklock.benchmarks;

import io.stocklock.domain.reservation.Allocation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure allocation function alone: how long deciding one batch takes in memory, to show it is not where the time
 * goes. {@code mvn -pl benchmarks exec:java -Dexec.mainClass=io.stocklock.benchmarks.Jmh}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBenchmark {

    /** Requests per batch; 500 is the service's default. */
    @Param({"1", "500"})
    int batchSize;

    /** Share of requests with three lines (the rest have one), in percent. */
    @Param({"0", "10"})
    int multiLinePercent;

    /** Locations the hot SKU is kept at. */
    @Param({"1", "5"})
    int locations;

    private List<SkuStock> locked;
    private List<ReservationRequest> batch;

    @Setup
    public void batch() {
        var random = new SplittableRandom(42);
        List<StockLevel> hot = new ArrayList<>();
        for (int i = 0; i < locations; i++) {
            hot.add(StockLevel.create(Sku.of("HOT"), i == 0 ? LocationId.DEFAULT : LocationId.of("L" + i),
                    1_000_000, 0));
        }
        locked = List.of(new SkuStock(Sku.of("HOT"), Optional.empty(), hot),
                SkuStock.of(StockLevel.create(Sku.of("W1"), 1_000_000)),
                SkuStock.of(StockLevel.create(Sku.of("W2"), 1_000_000)));
        batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            List<ReservationLine> lines = random.nextInt(100) < multiLinePercent
                    ? List.of(ReservationLine.of("W2", 1), ReservationLine.of("HOT", 2), ReservationLine.of("W1", 1))
                    : List.of(ReservationLine.of("HOT", 1 + random.nextInt(3)));
            batch.add(new ReservationRequest(ReservationId.generate(), "buyer", lines, Duration.ofMinutes(10)));
        }
    }

    @Benchmark
    public Allocation decideOneBatch() {
        return Allocation.decide(locked, batch);
    }
}
