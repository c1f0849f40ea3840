package io.stocklock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU use between two readings of {@code /proc/stat}: the benchmark, PostgreSQL, Kafka and the
 * service all share it, so this is what a decision costs in total. Reads 0 where there is no {@code /proc/stat}.
 */
final class MachineCpu {

    private final long[] start;

    private MachineCpu(long[] start) {
        this.start = start;
    }

    static MachineCpu start() {
        return new MachineCpu(read());
    }

    /** Busy cores on average since {@link #start()}: 0 idle, the number of cores when all were busy all the time. */
    double busyCores() {
        long[] now = read();
        long busy = now[0] - start[0];
        long total = now[1] - start[1];
        if (total <= 0) {
            return 0;
        }
        return (double) busy / total * Runtime.getRuntime().availableProcessors();
    }

    /** Busy and total jiffies of all CPUs (busy: all but idle and iowait). */
    private static long[] read() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
