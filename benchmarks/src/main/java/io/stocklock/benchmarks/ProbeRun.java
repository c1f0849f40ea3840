package io.stocklock.benchmarks;

import java.time.Duration;

/**
 * {@code probe=TARGET[,TARGET...] rate=N[,M...]}: each endpoint, warmed up as in the side by side, at one rate after
 * another on the same processes, for a look, a profile, or a quick ratio against a baseline in one run (the
 * processes inherit {@code -Dstocklock.jvm-options}).
 */
final class ProbeRun {

    private ProbeRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        HttpBenchmark.Skus skus = options.skus("HOT_SKU", HttpBenchmark.Skus::valueOf).get(0);
        Duration run = options.httpSeconds();
        try (HttpBenchmark bench = new HttpBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            for (HttpBenchmark.Target target : options.probe()) {
                bench.warmUp(target);
                for (double rate : options.rates()) {
                    System.out.println(bench.run(target, skus, rate, run, false));
                }
            }
            System.out.println("processes' logs: " + bench.directory().toAbsolutePath());
        }
    }
}
