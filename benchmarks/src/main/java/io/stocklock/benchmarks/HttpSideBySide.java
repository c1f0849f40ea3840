package io.stocklock.benchmarks;

import io.stocklock.benchmarks.HttpBenchmark.Point;
import io.stocklock.benchmarks.HttpBenchmark.Skus;
import io.stocklock.benchmarks.HttpBenchmark.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP comparison: for each endpoint and workload, the arrival rate is raised by half again each step until the
 * endpoint no longer sustains it ({@link Point#sustained()}), refined once between the last rate sustained and the
 * first that was not; the maximum is the highest rate sustained. Then the endpoint is offered 80% of its maximum,
 * with Gatling's HTML report, for the latency a buyer sees below saturation.
 */
final class HttpSideBySide {

    private static final double FIRST_RATE = 400;
    private static final double STEP = 1.6;
    private static final double HIGHEST_RATE = 40_000;

    /** What one endpoint did on one workload. */
    record Sweep(Target target, Skus skus, List<Point> points, double maximum, Point at80) {

        int disagreeing() {
            return points.stream().mapToInt(Point::disagreeing).sum() + at80.disagreeing();
        }
    }

    private final HttpBenchmark bench;
    private final Duration run;
    private final Progress progress;

    HttpSideBySide(HttpBenchmark bench, Duration run, Progress progress) {
        this.bench = bench;
        this.run = run;
        this.progress = progress;
    }

    /** Every endpoint on both workloads; the no-op once, as it does not read the SKU. */
    List<Sweep> all() throws Exception {
        for (Target target : Target.values()) {
            progress.step("HTTP: warming up " + target.label + " (not measured)", run);
            bench.run(target, Skus.HOT_SKU, FIRST_RATE, run, false);
        }
        List<Sweep> sweeps = new ArrayList<>();
        for (Skus skus : Skus.values()) {
            for (Target target : Target.values()) {
                if (target != Target.NO_OP || skus == Skus.HOT_SKU) {
                    sweeps.add(sweep(target, skus));
                }
            }
        }
        return sweeps;
    }

    Sweep sweep(Target target, Skus skus) throws Exception {
        List<Point> points = new ArrayList<>();
        Point lastSustained = null;
        Point firstNot = null;
        for (double rate = FIRST_RATE; rate <= HIGHEST_RATE; rate *= STEP) {
            Point point = measure(target, skus, rate);
            points.add(point);
            if (!point.sustained()) {
                firstNot = point;
                break;
            }
            lastSustained = point;
        }
        if (lastSustained != null && firstNot != null) {
            Point between = measure(target, skus, Math.round((lastSustained.offered() + firstNot.offered()) / 2));
            points.add(between);
            if (between.sustained()) {
                lastSustained = between;
            }
        }
        double maximum = lastSustained == null ? 0 : lastSustained.offered();
        progress.step("HTTP: %s, %s, 80%% of its maximum (%.0f/s), with a report".formatted(target.label, skus.label,
                0.8 * maximum), run);
        Point at80 = bench.run(target, skus, Math.max(1, Math.round(0.8 * maximum)), run, true);
        print(at80, "at 80%");
        return new Sweep(target, skus, points, maximum, at80);
    }

    private Point measure(Target target, Skus skus, double rate) throws Exception {
        progress.step("HTTP: %s, %s, %.0f requests/s".formatted(target.label, skus.label, rate), run);
        Point point = bench.run(target, skus, rate, run, false);
        print(point, point.sustained() ? "sustained" : "not sustained");
        return point;
    }

    private static void print(Point point, String verdict) {
        System.out.printf(Locale.ROOT, "    offered %,.0f/s: %d answered of %d, %d failed, p50 %.0f ms, p99 %.0f ms, "
                        + "p99.9 %.0f ms, %d disagreeing: %s%n", point.offered(), point.answered(), point.sent(),
                point.failed(), point.p50(), point.p99(), point.p999(), point.disagreeing(), verdict);
    }

    static Optional<Sweep> find(List<Sweep> sweeps, Target target, Skus skus) {
        return sweeps.stream().filter(sweep -> sweep.target() == target && sweep.skus() == skus).findFirst();
    }

    /** The side-by-side table, with the ratios the targets are stated in. */
    static String table(List<Sweep> sweeps) {
        double ceiling = find(sweeps, Target.NO_OP, Skus.HOT_SKU).map(Sweep::maximum).orElse(Double.NaN);
        StringBuilder md = new StringBuilder("""
                | endpoint | SKUs | max sustained requests/s | x per-request endpoint | of the no-op ceiling | at 80%: p50 ms | p99 ms | p99.9 ms | answers or stock disagreeing |
                |---|---|---|---|---|---|---|---|---|
                """);
        for (Sweep sweep : sweeps) {
            double naive = find(sweeps, Target.PER_REQUEST_LOCK, sweep.skus()).map(Sweep::maximum).orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.1fx | %.0f%% | %.0f | %.0f | %.0f | %d |%n",
                    sweep.target().label, sweep.skus().label, sweep.maximum(), sweep.maximum() / naive,
                    100 * sweep.maximum() / ceiling, sweep.at80().p50(), sweep.at80().p99(), sweep.at80().p999(),
                    sweep.disagreeing()));
        }
        return md.toString();
    }
}
