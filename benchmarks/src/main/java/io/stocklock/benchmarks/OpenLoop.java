package io.stocklock.benchmarks;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * stocklock's consumer under an offered load instead of a full queue: requests arrive at a steady rate, whatever the
 * consumer does (an open loop, so a slow batch shows as queueing, as it would for real buyers), and the consumer
 * decides what has arrived, up to a batch at a time. Latency is from arrival to the commit of the batch.
 */
final class OpenLoop {

    private record Arrival(ReservationRequest request, long arrivedNanos) {
    }

    /** Offered rate, what was decided, and the latency distribution in microseconds. */
    record Point(double offeredPerSecond, double decidedPerSecond, Histogram latency) {

        double latencyMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    private OpenLoop() {
    }

    static Point run(BenchmarkDatabase db, Workload workload, double perSecond, Duration duration, int batchSize)
            throws InterruptedException {
        BlockingQueue<Arrival> queue = new ArrayBlockingQueue<>(1_000_000);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = (long) (1e9 / perSecond);
        Thread buyers = new Thread(() -> {
            Random random = new Random(42);
            for (long due = start; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                queue.add(new Arrival(Strategy.request(workload.lines(random)), due));
            }
        }, "buyers");
        buyers.start();
        Histogram latency = new Histogram(3);
        long decided = 0;
        List<Arrival> batch = new ArrayList<>(batchSize);
        while (System.nanoTime() < end || !queue.isEmpty()) {
            Arrival first = queue.poll(1, TimeUnit.MILLISECONDS);
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            db.processReservations.process(new ProcessReservationsCommand(
                    batch.stream().map(Arrival::request).toList()));
            long now = System.nanoTime();
            for (Arrival arrival : batch) {
                latency.recordValue(Math.max(1, (now - arrival.arrivedNanos()) / 1_000));
            }
            decided += batch.size();
            batch.clear();
        }
        buyers.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Point(perSecond, decided / seconds, latency);
    }
}
