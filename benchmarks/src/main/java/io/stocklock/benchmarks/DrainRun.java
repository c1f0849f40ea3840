package io.stocklock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code only=drain}: the Kafka intake drained, beside pgbench running the per-request transaction on the same
 * server, for each workload in {@code rounds} rounds; then the invariants.
 */
final class DrainRun {

    private DrainRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int requests = options.drainRequests();
        List<DrainSideBySide.Skus> skus = options.skus("HOT,UNIFORM,ZIPF", DrainSideBySide.Skus::valueOf);
        int rounds = options.rounds();
        Duration pgbenchRun = options.pgbenchSeconds();
        int[] batchSizes = options.batchSizes();
        Optional<Path> docs = options.docs();
        Progress progress = new Progress(1 + rounds * skus.size() + skus.size() * DrainSideBySide.LOAD_FRACTIONS.length
                + batchSizes.length);
        List<DrainSideBySide.Sized> sized = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (int size : batchSizes) {
            progress.step("batch size " + size + ": fresh processes, warm up, drain", Duration.ofSeconds(60));
            try (var fresh = new DrainSideBySide(Benchmarks.serviceDirectory(), options.setup(),
                    List.of("--stocklock.kafka.batch-size=" + size))) {
                fresh.warmUp(requests);
                sized.addAll(fresh.drains(size, List.of(DrainSideBySide.Skus.HOT, DrainSideBySide.Skus.UNIFORM),
                        requests));
                violations.addAll(fresh.violations());
            }
        }
        System.out.println(DrainSideBySide.batchSizeTable(sized));
        progress.step("fresh processes with the default settings; a drain to warm up", Duration.ZERO);
        try (var drains = new DrainSideBySide(Benchmarks.serviceDirectory(), options.setup(), List.of())) {
            drains.warmUp(requests);
            List<DrainSideBySide.Drain> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (DrainSideBySide.Skus each : skus) {
                    progress.step("round %d: %,d requests, %s, then pgbench".formatted(round, requests, each.label),
                            pgbenchRun);
                    runs.add(drains.measure(each, requests, pgbenchRun));
                    System.out.println(DrainSideBySide.table(runs.subList(runs.size() - 1, runs.size())));
                }
            }
            System.out.println(DrainSideBySide.table(runs));
            List<DrainSideBySide.Offered> offered = new ArrayList<>();
            for (DrainSideBySide.Skus each : skus) {
                for (double fraction : DrainSideBySide.LOAD_FRACTIONS) {
                    double rate = fraction * runs.stream().filter(run -> run.skus() == each)
                            .mapToDouble(DrainSideBySide.Drain::perSecond).sorted().toArray()[rounds / 2];
                    progress.step("%,.0f requests/s offered, %s".formatted(rate, each.label), pgbenchRun);
                    offered.add(drains.offer(each, rate, fraction, pgbenchRun));
                }
            }
            System.out.println(DrainSideBySide.offeredTable(offered));
            violations.addAll(drains.violations());
            System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            if (docs.isPresent()) {
                DrainSideBySide.plot(sized, Files.createDirectories(docs.get().resolve("benchmarks"))
                        .resolve("drain-by-batch-size.png"));
                Path benchmarks = docs.get().resolve("benchmarks.md");
                Files.writeString(benchmarks, PageSection.DRAIN.into(Files.readString(benchmarks),
                        DrainSideBySide.markdown(runs, offered, sized, violations, requests, rounds, pgbenchRun)));
                System.out.println("wrote " + benchmarks.toAbsolutePath().normalize());
            }
        }
    }
}
