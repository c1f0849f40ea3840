package io.stocklock.benchmarks;

import io.stocklock.benchmarks.HttpBenchmark.Point;
import io.stocklock.benchmarks.HttpBenchmark.Skus;
import io.stocklock.benchmarks.HttpBenchmark.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP comparison: for each endpoint and workload, the arrival rate is raised by 60% each step until the
 * endpoint no longer sustains it ({@link Point#sustained()}), or lowered by the same factor from the first rate until
 * it does, then refined once between the last rate sustained and the first that was not; the maximum is the highest
 * rate sustained. Then the endpoint is offered 80% of its maximum, with Gatling's HTML report, for the latency a buyer
 * sees below saturation.
 */
final class HttpSideBySide {

    private static final double FIRST_RATE = 400;
    private static final double STEP = 1.6;
    private static final double HIGHEST_RATE = 40_000;
    private static final double LOWEST_RATE = 20;

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
            progress.step("HTTP: warming up " + target.label + " (not measured)", HttpBenchmark.WARM_UP);
            bench.warmUp(target);
        }
        List<Sweep> sweeps = new ArrayList<>();
        for (Skus skus : Skus.IN_STOCK) {
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
        // from the first rate up while sustained, or down until sustained: the limit lies where the verdict changes
        Point first = measure(target, skus, FIRST_RATE);
        points.add(first);
        boolean up = first.sustained();
        Point previous = first;
        Point crossed = null;
        for (double rate = next(FIRST_RATE, up); up ? rate <= HIGHEST_RATE : rate >= LOWEST_RATE;
             rate = next(rate, up)) {
            Point point = measure(target, skus, rate);
            points.add(point);
            if (point.sustained() != up) {
                crossed = point;
                break;
            }
            previous = point;
        }
        Point lastSustained = up ? previous : crossed;
        Point firstNot = up ? crossed : previous;
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

    private static double next(double rate, boolean up) {
        return Math.round(up ? rate * STEP : rate / STEP);
    }

    private Point measure(Target target, Skus skus, double rate) throws Exception {
        progress.step("HTTP: %s, %s, %.0f requests/s".formatted(target.label, skus.label, rate), run);
        Point point = bench.run(target, skus, rate, run, false);
        print(point, point.sustained() ? "sustained" : "not sustained");
        return point;
    }

    private static void print(Point point, String verdict) {
        System.out.printf(Locale.ROOT, "    offered %,.0f/s: %d answered of %d, %d failed, p50 %.0f ms, p99 %.0f ms, "
                        + "p99.9 %.0f ms, %d disagreeing; CPU ms per request: service %.2f, Kafka %.2f, PostgreSQL "
                        + "%.2f, load generator %.2f: %s%n", point.offered(), point.answered(), point.sent(),
                point.failed(), point.p50(), point.p99(), point.p999(), point.disagreeing(),
                point.cpuMillis(ProcessCpu.Kind.SERVICE), point.cpuMillis(ProcessCpu.Kind.KAFKA),
                point.cpuMillis(ProcessCpu.Kind.POSTGRES), point.cpuMillis(ProcessCpu.Kind.LOAD), verdict);
    }

    static Optional<Sweep> find(List<Sweep> sweeps, Target target, Skus skus) {
        return sweeps.stream().filter(sweep -> sweep.target() == target && sweep.skus() == skus).findFirst();
    }

    /** Latency (p50, p99) against the offered rate, one line per endpoint, one hot SKU. */
    static void plot(List<Sweep> sweeps, Path file) throws Exception {
        Plot plot = new Plot("POST /reservations over HTTP: latency by offered load, one hot SKU",
                "offered load (requests/s, open loop)", "latency (ms)", true);
        for (Sweep sweep : sweeps) {
            if (sweep.skus() != Skus.HOT_SKU) {
                continue;
            }
            List<Point> points = sweep.points().stream().sorted(Comparator.comparingDouble(Point::offered)).toList();
            double[] offered = points.stream().mapToDouble(Point::offered).toArray();
            String name = sweep.target().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            plot.series(name + " p50", offered, points.stream().mapToDouble(Point::p50).toArray());
            plot.series(name + " p99", offered, points.stream().mapToDouble(Point::p99).toArray());
        }
        plot.write(file);
    }

    /** docs/benchmarks-http.md: how it was measured, the table, every point of every sweep. */
    static String markdown(List<Sweep> sweeps, Duration run) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                # Benchmarks: buyers over HTTP

                ```bash
                bash scripts/benchmark.sh only=http                  # prints the table (about 25 minutes)
                bash scripts/benchmark.sh only=http docs=true        # and writes this page and its plot
                ```

                Written by that command from one run on %s (%d cores, JDK %s). Four endpoints, each a process of
                its own (`java -jar` for stocklock, `java -cp` for the reference service, 512 MiB heap each) on one
                PostgreSQL 17 (fsync and synchronous commit on) and one Kafka broker; the load is Gatling's open
                injection model in a process of its own (`io.stocklock.benchmarks.load.ReservationLoad`): buyers
                arrive at a fixed rate whether or not earlier ones were answered, 1,000 distinct bearer tokens,
                `{"lines":[{"sku":...,"quantity":1}],"holdSeconds":600}`, each measurement %d s after a 10 s ramp
                that is not measured. Before its first measurement each endpoint serves a minute at %.0f/s, not
                measured either, so that the JIT compilers of its fresh JVM have settled.

                - stocklock, `Prefer: wait=10`: the answer is the decision (201 reserved, 409 rejected);
                - stocklock, no `Prefer`: 202 once the request topic has the request;
                - the per-request endpoint a team would write instead (`benchmarks/.../reference`): Spring Boot,
                  WebMVC, Spring Security's JWT resource server, one transaction per request with
                  `SELECT ... FOR UPDATE`, `UPDATE`, `INSERT` of the request row, answering 201 or 409;
                - an authenticated no-op on that same stack: the ceiling of any endpoint there.

                The rate rises by 60%% a step from 400/s until the endpoint no longer sustains it (answered at least
                99%%, failures at most 0.1%%, p99 at most 1 s), or falls by the same factor until it does, then once
                more halfway between; the maximum is the highest rate sustained, and each endpoint is then
                measured at 80%% of its maximum. After every
                run each answer is checked against the row it names (201: RESERVED, 409: REJECTED, 202: decided
                within a minute and not FAILED) and the stock invariants of both services are checked; the last
                column counts anything that disagreed.

                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), run.toSeconds(), HttpBenchmark.WARM_UP_RATE));
        md.append(table(sweeps));
        md.append("""

                ## Where a request's CPU goes

                CPU time of each process per request, over the whole run at 80%% of each endpoint's maximum: from
                the load generator's start to its end, divided by every request of the run, the ramp's included.
                The load generator is counted too, since it shares the %d cores. Fixed costs (the load generator's
                own start, the services' background work) weigh more at lower rates; the service's column of every
                point below compares endpoints at the same offered rate.

                """.formatted(Runtime.getRuntime().availableProcessors()));
        md.append(cpuTable(sweeps));
        md.append("\nWhere stocklock's time goes over HTTP, what was changed and what was tried: "
                + "[ADR 7](adr/0007-grouped-http-intake.md), [ADR 8](adr/0008-request-threads-and-warm-up.md) and "
                + "[ADR 11](adr/0011-cpu-per-request-and-virtual-threads.md).\n");
        md.append("\n![latency by offered load](benchmarks/http-latency-by-offered-load.png)\n\n");
        md.append("""
                ## Every point

                | endpoint | SKUs | offered /s | answered | failed | p50 ms | p99 ms | p99.9 ms | service CPU ms per request | sustained |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Sweep sweep : sweeps) {
            for (Point point : sweep.points()) {
                md.append(String.format(Locale.ROOT,
                        "| %s | %s | %,.0f | %,d | %,d | %.0f | %.0f | %.0f | %.2f | %s |%n",
                        sweep.target().label, sweep.skus().label, point.offered(), point.answered(), point.failed(),
                        point.p50(), point.p99(), point.p999(), point.cpuMillis(ProcessCpu.Kind.SERVICE),
                        point.sustained() ? "yes" : "no"));
            }
        }
        return md.toString();
    }

    /** CPU milliseconds per request of each process, at 80% of each endpoint's maximum. */
    static String cpuTable(List<Sweep> sweeps) {
        StringBuilder md = new StringBuilder("""
                | endpoint | SKUs | offered /s | service ms | Kafka broker ms | PostgreSQL ms | load generator ms | all ms |
                |---|---|---|---|---|---|---|---|
                """);
        for (Sweep sweep : sweeps) {
            Point at80 = sweep.at80();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    sweep.target().label, sweep.skus().label, at80.offered(), at80.cpuMillis(ProcessCpu.Kind.SERVICE),
                    at80.cpuMillis(ProcessCpu.Kind.KAFKA), at80.cpuMillis(ProcessCpu.Kind.POSTGRES),
                    at80.cpuMillis(ProcessCpu.Kind.LOAD), at80.cpuMillisInAll()));
        }
        return md.toString();
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
