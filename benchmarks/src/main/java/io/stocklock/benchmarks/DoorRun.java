package io.stocklock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code only=door}: requests per second side by side, driven by wrk: the per-request endpoint, stocklock waiting
 * and 202, a bare group commit and the no-op, with one instance; latency against load and the mixed load; then
 * stocklock and the bare group commit with two instances each; then the invariants.
 */
final class DoorRun {

    /**
     * Each buyer's hold: the longest allowed by default, longer than the run (about 40 minutes), so that no hold
     * expires while the endpoints are measured (the per-request endpoint has no holds to expire). With holds of 10
     * minutes, stocklock's later rounds also expired the earlier rounds' reservations and fell to a fifth of its rate
     * (4,523 / 4,448 / 4,597 / 2,646 / 818 requests/s on one hot SKU). The cap on what one buyer holds of a SKU is
     * lifted for the same reason: 1,000 buyers holding for an hour would reach the default of 1,000 units, and the
     * rounds after it would measure refusals. Lifted out of reach rather than switched off (0), so that the holdings
     * are still read under the lock, as with the default.
     */
    static final Duration HOLD = Duration.ofHours(1);

    private DoorRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int rounds = options.rounds();
        Duration seconds = options.wrkSeconds();
        int connections = options.connections();
        List<HttpBenchmark.Target> targets = options.targets().orElse(DoorSideBySide.TARGETS);
        List<HttpBenchmark.Skus> skus = options.skus("HOT_SKU,UNIFORM", HttpBenchmark.Skus::valueOf);
        boolean twoInstances = options.twoInstances();
        Optional<Path> docs = options.docs();
        List<HttpBenchmark.Target> curves = options.latency() && skus.contains(HttpBenchmark.Skus.HOT_SKU)
                ? DoorSideBySide.CURVES.stream().filter(targets::contains).toList() : List.of();
        boolean mixed = options.latency() && targets.contains(HttpBenchmark.Target.STOCKLOCK_WAIT)
                && skus.contains(HttpBenchmark.Skus.UNIFORM) && skus.contains(HttpBenchmark.Skus.HOT_SKU);
        Progress progress = new Progress(1 + targets.size() * (1 + skus.size() * rounds)
                + (twoInstances ? 1 + (DoorSideBySide.measuredTwice(targets).size() + 1) * skus.size() * rounds : 0)
                + curves.size() * DoorSideBySide.LOAD_FRACTIONS.length + (mixed ? 2 : 0));
        progress.step("starting PostgreSQL, a Kafka broker, stocklock and the reference service as processes",
                Duration.ZERO);
        try (HttpBenchmark bench = new HttpBenchmark(Benchmarks.serviceDirectory(), options.setup()
                .withDefault("stocklock.limits.max-units-held-per-owner", Long.toString(Long.MAX_VALUE / 4)))) {
            var door = new DoorSideBySide(bench, seconds, connections, targets, skus, HOLD);
            List<DoorSideBySide.Run> runs = new ArrayList<>(door.oneInstance(rounds, progress));
            // latency and the mixed load on one instance's tables, before the two-instance rounds fill them further
            List<DoorSideBySide.Offered> curve = door.latencyAgainstLoad(runs, curves, progress);
            List<DoorSideBySide.Offered> mixing = mixed ? door.mixed(progress) : List.of();
            if (twoInstances) {
                runs.addAll(door.twoInstances(rounds, progress));
            }
            System.out.println(DoorSideBySide.table(runs));
            System.out.println(DoorSideBySide.latencyTable(curve));
            System.out.println(DoorSideBySide.mixedTable(mixing));
            System.out.println(DoorSideBySide.statuses(runs));
            List<String> violations = door.violations();
            System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            if (docs.isPresent()) {
                DoorSideBySide.plot(curve, docs.get().resolve("benchmarks-door-latency.png"));
                Files.writeString(docs.get().resolve("benchmarks-door.md"),
                        DoorSideBySide.markdown(runs, curve, mixing, violations, rounds, seconds, connections,
                                HOLD));
                System.out.println("wrote " + docs.get().resolve("benchmarks-door.md").toAbsolutePath().normalize());
                Path benchmarks = docs.get().resolve("benchmarks.md");
                Files.writeString(benchmarks, PageSection.DOOR.into(Files.readString(benchmarks),
                        DoorSideBySide.section(runs, rounds, seconds)));
                System.out.println("wrote " + benchmarks.toAbsolutePath().normalize());
            }
            System.out.println("processes' logs: " + bench.directory().toAbsolutePath());
        }
    }
}
