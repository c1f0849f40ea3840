package io.stocklock.benchmarks;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.benchmarks.HttpBenchmark.Skus;
import io.stocklock.benchmarks.HttpBenchmark.Target;
import io.stocklock.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Throughput side by side, driven by wrk (Debian's; about 0.05 ms of CPU per request) in a process of its own, 1,000
 * distinct callers over {@code connections} connections: the per-request {@code FOR UPDATE} endpoint, stocklock with
 * {@code Prefer: wait} (decided at the door) and answering 202, a bare group commit and the authenticated no-op on the
 * reference's stack; one hot SKU and 10,000 SKUs; {@code rounds} alternating rounds, medians and ratios; then
 * stocklock and the bare group commit with two instances each sharing the load. After the runs: stock invariants,
 * nothing left PENDING, every outcome event published, and at least one event on the topic for every decision.
 */
final class DoorSideBySide {

    static final List<Target> TARGETS = List.of(Target.PER_REQUEST_LOCK, Target.STOCKLOCK_WAIT,
            Target.STOCKLOCK_ACCEPTED, Target.BARE_GROUP_COMMIT, Target.NO_OP);
    /**
     * The endpoints measured with two instances too: stocklock's, and the bare group commit's, which shows what a
     * second process on the same cores costs the simplest group commit.
     */
    private static final List<Target> TWO_INSTANCES = List.of(Target.STOCKLOCK_WAIT, Target.STOCKLOCK_ACCEPTED,
            Target.BARE_GROUP_COMMIT);
    /**
     * Load before the measurements, per endpoint, not measured: on two cores stocklock's JIT compilers were still busy
     * after 80 s of load (a compiler thread at 60% of a core; three 20 s rounds measured 997, 1,210 and 1,656
     * requests/s).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("^status (\\d+|other) (\\d+)$", Pattern.MULTILINE);
    private static final Pattern LATE = Pattern.compile("^late (\\d+)$", Pattern.MULTILINE);

    /** One wrk run of one endpoint: requests per second, latency percentiles, answers by status, CPU per request. */
    record Run(Target target, Skus skus, int instances, double perSecond, double p50, double p99,
               Map<String, Long> statuses, Map<ProcessCpu.Kind, Double> cpuMillis) {
    }

    /**
     * One open-loop run: requests offered at a fixed rate whatever the answers do; {@code late} counts the requests
     * sent more than a millisecond after their time because every connection was still waiting for an answer (none,
     * when the figures are free of coordinated omission).
     */
    record Offered(double rate, Run run, long late) {
    }

    /** Connections of an open-loop run: enough that they are all busy only when the endpoint falls behind. */
    private static final int OPEN_LOOP_CONNECTIONS = 256;
    /** The endpoints whose latency is measured against offered load. */
    static final List<Target> CURVES = List.of(Target.PER_REQUEST_LOCK, Target.STOCKLOCK_WAIT);
    /** The fractions of an endpoint's own maximum at which its latency is measured. */
    static final double[] LOAD_FRACTIONS = {0.2, 0.4, 0.6, 0.8, 0.9, 1.0};
    /** The cool SKUs' rate of the mixed load. */
    static final double COOL_RATE = 300;

    private final HttpBenchmark bench;
    private final Duration seconds;
    private final int connections;
    private final Path script;
    private final List<Target> targets;
    private final List<Skus> workloads;
    private final Duration hold;
    private int wrkRuns;

    /**
     * @param targets      the endpoints measured with one instance (all of them for the table; fewer for a profile)
     * @param workloads    which SKUs are reserved
     * @param hold         the hold each buyer asks for
     */
    DoorSideBySide(HttpBenchmark bench, Duration seconds, int connections, List<Target> targets, List<Skus> workloads,
                   Duration hold) throws IOException {
        this.bench = bench;
        this.hold = hold;
        this.targets = targets;
        this.workloads = workloads;
        this.seconds = seconds;
        this.connections = connections;
        this.script = bench.directory().resolve("tokens.lua");
        StringBuilder tokens = new StringBuilder("tokens = {\n");
        for (int caller = 0; caller < 1_000; caller++) {
            tokens.append("  \"").append(TestTokens.bearer("buyer-" + caller, TestTokens.ALL_SCOPES,
                    Duration.ofHours(3), TestTokens.SECRET)).append("\",\n");
        }
        Files.writeString(script, tokens.append("}\n").toString());
    }

    /** Each target warmed up, then {@code rounds} alternating rounds of each with one instance. */
    List<Run> oneInstance(int rounds, Progress progress) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (Target target : targets) {
            progress.step("warming up " + target.label, WARM_UP);
            wrk(target, Skus.HOT_SKU, List.of(bench.baseUrl(target)), WARM_UP);
        }
        for (int round = 1; round <= rounds; round++) {
            for (Skus skus : workloads) {
                for (Target target : targets) {
                    progress.step("round %d: %s, %s".formatted(round, target.label, skus.label), seconds);
                    runs.add(wrk(target, skus, List.of(bench.baseUrl(target)), seconds));
                }
            }
        }
        return runs;
    }

    /**
     * The targets {@linkplain #measuredTwice measured twice} with a second instance each, the load split between the
     * two; the per-request endpoint in every round beside them, for the ratios of the same minutes.
     */
    List<Run> twoInstances(int rounds, Progress progress) throws Exception {
        List<Run> runs = new ArrayList<>();
        List<Target> twice = measuredTwice(targets);
        progress.step("warming up the second instances", WARM_UP.multipliedBy(twice.size()));
        for (Target target : twice) {
            wrk(target, Skus.HOT_SKU, List.of(bench.secondInstanceUrl(target)), WARM_UP);
        }
        for (int round = 1; round <= rounds; round++) {
            for (Skus skus : workloads) {
                for (Target target : twice) {
                    progress.step("round %d, two instances: %s, %s".formatted(round, target.label, skus.label),
                            seconds);
                    runs.add(wrk(target, skus, List.of(bench.baseUrl(target), bench.secondInstanceUrl(target)),
                            seconds));
                }
                runs.add(wrk(Target.PER_REQUEST_LOCK, skus, List.of(bench.baseUrl(Target.PER_REQUEST_LOCK)),
                        seconds));
            }
        }
        return runs;
    }

    /** Those of the targets that are measured with two instances too. */
    static List<Target> measuredTwice(List<Target> targets) {
        return TWO_INSTANCES.stream().filter(targets::contains).toList();
    }

    /** One wrk process per URL, the connections split between them, all at once; as many requests as they take. */
    Run wrk(Target target, Skus skus, List<String> urls, Duration duration) throws Exception {
        return await(start(target, skus, urls, duration, connections, 0));
    }

    /** A wrk run under way. */
    private record Started(Target target, Skus skus, List<String> urls, Duration duration, List<Process> processes,
                           List<Path> outputs, ProcessCpu before) {
    }

    /**
     * Starts one wrk process per URL, the connections split between them.
     *
     * @param rate requests per second offered in all, at fixed times whatever the answers do (an open loop); 0: each
     *             connection sends its next request when its answer arrives (a closed loop)
     */
    private Started start(Target target, Skus skus, List<String> urls, Duration duration, int connections,
                          double rate) throws Exception {
        Path lua = bench.directory().resolve("load-" + target + "-" + skus + "-" + rate + ".lua");
        Files.writeString(lua, "dofile(\"" + script + "\")\n" + """
                local path = "%s"
                local one_sku = "%s"
                local sku_count = %d
                local prefer = %s
                local rate = %s
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args)
                  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
                  counts = {}
                  late = 0
                end
                if rate > 0 then
                  -- the next request is due at the next slot of a fixed schedule, on whichever connection is free
                  local ffi = require("ffi")
                  ffi.cdef[[
                    typedef struct { long tv_sec; long tv_usec; } stocklock_timeval;
                    int gettimeofday(stocklock_timeval *tv, void *tz);
                  ]]
                  local tv = ffi.new("stocklock_timeval")
                  local function now()
                    ffi.C.gettimeofday(tv, nil)
                    return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
                  end
                  local due = nil
                  function delay()
                    local at = now()
                    due = (due or at) + 1000 / rate
                    if due < at - 1 then late = late + 1 end
                    return math.max(0, due - at)
                  end
                end
                function request()
                  local sku = one_sku
                  if sku_count > 0 then sku = string.format("SKU-%%05d", math.random(0, sku_count - 1)) end
                  local headers = {["Authorization"] = tokens[math.random(#tokens)],
                                   ["Content-Type"] = "application/json"}
                  if prefer then headers["Prefer"] = prefer end
                  return wrk.format("POST", path, headers,
                      '{"lines":[{"sku":"' .. sku .. '","quantity":1}],"holdSeconds":%d}')
                end
                function response(status, headers, body)
                  counts[status] = (counts[status] or 0) + 1
                end
                function done(summary, latency, requests)
                  for _, code in ipairs({200, 201, 202, 409, 422, 429, 500, 503}) do
                    local n = 0
                    for _, thread in ipairs(threads) do n = n + (thread:get("counts")[code] or 0) end
                    io.write(string.format("status %%d %%d\\n", code, n))
                  end
                  io.write(string.format("status other %%d\\n", summary.errors.connect
                      + summary.errors.read + summary.errors.write + summary.errors.timeout))
                  local behind = 0
                  for _, thread in ipairs(threads) do behind = behind + thread:get("late") end
                  io.write(string.format("late %%d\\n", behind))
                end
                """.formatted(target.path, skus == Skus.SOLD_OUT ? HttpBenchmark.SOLD_OUT : HttpBenchmark.HOT,
                skus == Skus.UNIFORM ? HttpBenchmark.SKUS : 0,
                target == Target.STOCKLOCK_WAIT ? "\"wait=10\"" : "nil",
                String.format(Locale.ROOT, "%.3f", rate / urls.size()), hold.toSeconds()));
        ProcessCpu before = ProcessCpu.read(HttpBenchmark.serviceMarker(target), bench.postmasterPid());
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Path output = bench.directory().resolve("wrk-" + (++wrkRuns) + ".out");
            outputs.add(output);
            processes.add(new ProcessBuilder("wrk", "-t1", "-c" + connections / urls.size(),
                    "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "15s", "-s", lua.toString(),
                    urls.get(i)).redirectErrorStream(true).redirectOutput(output.toFile()).start());
        }
        return new Started(target, skus, urls, duration, processes, outputs, before);
    }

    /** Waits for a wrk run to end and reads what its processes printed. */
    private Run await(Started started) throws Exception {
        for (Process process : started.processes()) {
            if (!process.waitFor(started.duration().toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
        }
        Target target = started.target();
        double perSecond = 0;
        double p50 = 0;
        double p99 = 0;
        Map<String, Long> statuses = new TreeMap<>();
        for (Path output : started.outputs()) {
            String text = Files.readString(output);
            Matcher rate = RATE.matcher(text);
            if (!rate.find()) {
                throw new IllegalStateException("wrk printed no rate:\n" + text);
            }
            perSecond += Double.parseDouble(rate.group(1));
            Matcher percentile = PERCENTILE.matcher(text);
            while (percentile.find()) {
                double millis = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                    case "us" -> 0.001;
                    case "s" -> 1_000.0;
                    default -> 1.0;
                };
                if (percentile.group(1).equals("50")) {
                    p50 = Math.max(p50, millis);
                } else {
                    p99 = Math.max(p99, millis);
                }
            }
            Matcher code = CODE.matcher(text);
            while (code.find()) {
                statuses.merge(code.group(1), Long.parseLong(code.group(2)), Long::sum);
            }
        }
        statuses.values().removeIf(count -> count == 0);
        long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
        Map<ProcessCpu.Kind, Double> cpu = started.before().millisPerRequest(
                ProcessCpu.read(HttpBenchmark.serviceMarker(target), bench.postmasterPid()), answered);
        return new Run(target, started.skus(), started.urls().size(), perSecond, p50, p99, statuses, cpu);
    }

    /** Requests a run sent late (see {@link Offered}). */
    private static long late(Started started) throws IOException {
        long late = 0;
        for (Path output : started.outputs()) {
            Matcher matcher = LATE.matcher(Files.readString(output));
            if (matcher.find()) {
                late += Long.parseLong(matcher.group(1));
            }
        }
        return late;
    }

    /** An open-loop run of one endpoint at one rate. */
    private Offered offer(Target target, Skus skus, double rate, Duration duration) throws Exception {
        Started started = start(target, skus, List.of(bench.baseUrl(target)), duration, OPEN_LOOP_CONNECTIONS,
                rate);
        Run run = await(started);
        return new Offered(rate, run, late(started));
    }

    /**
     * Latency against offered load: each endpoint at fractions of its own maximum (the median of its closed-loop
     * rounds on one hot SKU), open loop.
     */
    List<Offered> latencyAgainstLoad(List<Run> runs, List<Target> targets, Progress progress) throws Exception {
        List<Offered> points = new ArrayList<>();
        for (Target target : targets) {
            double maximum = median(runs, target, Skus.HOT_SKU, 1, Run::perSecond);
            for (double fraction : LOAD_FRACTIONS) {
                progress.step("%s offered %.0f%% of its maximum, one hot SKU".formatted(target.label,
                        100 * fraction), seconds);
                points.add(offer(target, Skus.HOT_SKU, fraction * maximum, seconds));
            }
        }
        return points;
    }

    /**
     * Mixed load: stocklock's waiting buyers of 10,000 cool SKUs offered {@link #COOL_RATE} requests per second, open
     * loop, alone and then beside buyers of one hot SKU at saturation (closed loop, as many as {@code connections}
     * connections take).
     *
     * @return the cool buyers alone, then beside the hot SKU
     */
    List<Offered> mixed(Progress progress) throws Exception {
        Target target = Target.STOCKLOCK_WAIT;
        progress.step("cool SKUs alone, %.0f requests/s offered".formatted(COOL_RATE), seconds);
        Offered alone = offer(target, Skus.UNIFORM, COOL_RATE, seconds);
        progress.step("cool SKUs beside the hot SKU at saturation", seconds);
        Started hot = start(target, Skus.HOT_SKU, List.of(bench.baseUrl(target)), seconds.plusSeconds(2),
                connections, 0);
        TimeUnit.SECONDS.sleep(1);
        Offered beside = offer(target, Skus.UNIFORM, COOL_RATE, seconds);
        await(hot);
        return List.of(alone, beside);
    }

    /** What must hold after every run; empty when all of it does. */
    List<String> violations() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = bench.database()) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(db, true));
            var invariants = new StockInvariants(sql);
            found.addAll(invariants.stockViolations());
            found.addAll(invariants.allocationViolations());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            long pending;
            long unpublished;
            do {
                pending = sql.sql("SELECT count(*) FROM reservation WHERE status = 'PENDING'").query(Long.class)
                        .single();
                unpublished = sql.sql("SELECT count(*) FROM outbox").query(Long.class).single();
            } while ((pending > 0 || unpublished > 0) && System.nanoTime() < deadline && pause());
            if (pending > 0) {
                found.add(pending + " requests still PENDING two minutes after the load");
            }
            if (unpublished > 0) {
                found.add(unpublished + " outcome events not published two minutes after the load");
            }
            long decided = sql.sql("SELECT count(*) FROM reservation WHERE status <> 'PENDING'").query(Long.class)
                    .single();
            try (Admin admin = bench.kafkaAdmin()) {
                found.addAll(KafkaLoad.eventsMissing(admin, KafkaLoad.EVENTS_TOPIC, decided));
            }
        }
        return found;
    }

    private static boolean pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Medians over the rounds, with ratios to the per-request endpoint and to the no-op, and CPU per request. */
    static String table(List<Run> runs) {
        StringBuilder table = new StringBuilder("""
                | SKUs | endpoint | instances | requests/s, rounds | median | ratio to per-request | share of no-op | \
                two instances / one | p50 / p99 ms (median) | CPU ms per request: service / Kafka / PostgreSQL / wrk |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Skus skus : Skus.values()) {
            double naive = median(runs, Target.PER_REQUEST_LOCK, skus, 1, Run::perSecond);
            double ceiling = median(runs, Target.NO_OP, skus, 1, Run::perSecond);
            for (int instances = 1; instances <= 2; instances++) {
                for (Target target : TARGETS) {
                    int count = instances;
                    List<Run> these = runs.stream().filter(run -> run.target() == target && run.skus() == skus
                            && run.instances() == count).toList();
                    if (these.isEmpty()) {
                        continue;
                    }
                    double median = median(runs, target, skus, instances, Run::perSecond);
                    table.append(String.format(Locale.ROOT,
                            "| %s | %s | %d | %s | %,.0f | %.2fx | %.2f | %s | %.1f / %.1f | %s |%n", skus.label,
                            target.label, instances,
                            these.stream().map(run -> String.format(Locale.ROOT, "%,.0f", run.perSecond()))
                                    .collect(Collectors.joining(" / ")),
                            median, median / naive, median / ceiling, instances == 1 ? "" : String.format(
                                    Locale.ROOT, "%.2f", median / median(runs, target, skus, 1, Run::perSecond)),
                            median(runs, target, skus, instances, Run::p50),
                            median(runs, target, skus, instances, Run::p99),
                            Arrays.stream(ProcessCpu.Kind.values())
                                    .map(kind -> String.format(Locale.ROOT, "%.2f", median(runs, target, skus,
                                            count, run -> run.cpuMillis().getOrDefault(kind, Double.NaN))))
                                    .collect(Collectors.joining(" / "))));
                }
            }
        }
        return table.toString();
    }

    /** Latency against offered load, one row per endpoint and rate. */
    static String latencyTable(List<Offered> points) {
        StringBuilder table = new StringBuilder("""
                | endpoint | offered requests/s | share of its maximum | answered requests/s | p50 / p99 ms | \
                sent late | CPU ms per request: service / Kafka / PostgreSQL / wrk |
                |---|---|---|---|---|---|---|
                """);
        for (Offered point : points) {
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %.0f%% | %,.0f | %.1f / %.1f | %,d | %s |%n",
                    point.run().target().label, point.rate(), 100 * point.rate() / maximum(points, point),
                    point.run().perSecond(), point.run().p50(), point.run().p99(), point.late(),
                    cpu(point.run())));
        }
        return table.toString();
    }

    /** The highest rate an endpoint was offered: its maximum. */
    private static double maximum(List<Offered> points, Offered point) {
        return points.stream().filter(other -> other.run().target() == point.run().target())
                .mapToDouble(Offered::rate).max().orElseThrow();
    }

    /** The cool SKUs' latency alone and beside the hot SKU. */
    static String mixedTable(List<Offered> mixed) {
        if (mixed.isEmpty()) {
            return "";
        }
        Offered alone = mixed.get(0);
        Offered beside = mixed.get(1);
        return String.format(Locale.ROOT, """
                | 10,000 cool SKUs, %,.0f requests/s offered | answered requests/s | p50 / p99 ms | sent late | \
                wrk CPU ms per cool request |
                |---|---|---|---|---|
                | alone | %,.0f | %.1f / %.1f | %,d | %.2f |
                | beside one hot SKU at saturation | %,.0f | %.1f / %.1f | %,d | %.2f |

                Cool p99 beside the hot SKU: **%.2fx** its p99 alone (target: at most 2x).
                """, alone.rate(), alone.run().perSecond(), alone.run().p50(), alone.run().p99(), alone.late(),
                alone.run().cpuMillis().get(ProcessCpu.Kind.LOAD), beside.run().perSecond(), beside.run().p50(),
                beside.run().p99(), beside.late(), beside.run().cpuMillis().get(ProcessCpu.Kind.LOAD),
                beside.run().p99() / alone.run().p99());
    }

    private static String cpu(Run run) {
        return Arrays.stream(ProcessCpu.Kind.values())
                .map(kind -> String.format(Locale.ROOT, "%.2f", run.cpuMillis().getOrDefault(kind, Double.NaN)))
                .collect(Collectors.joining(" / "));
    }

    /** p99 against offered load, one line per endpoint. */
    static void plot(List<Offered> points, Path file) throws IOException {
        Plot plot = new Plot("p99 against offered load, one hot SKU (open loop, wrk)", "offered requests/s",
                "p99 ms", false);
        for (Target target : points.stream().map(point -> point.run().target()).distinct().toList()) {
            List<Offered> these = points.stream().filter(point -> point.run().target() == target).toList();
            plot.series(target.label, these.stream().mapToDouble(Offered::rate).toArray(),
                    these.stream().mapToDouble(point -> point.run().p99()).toArray());
        }
        plot.write(file);
    }

    /** The page docs/benchmarks-door.md: how it was measured, the tables, the answers, the checks. */
    static String markdown(List<Run> runs, List<Offered> curve, List<Offered> mixed, List<String> violations,
                           int rounds, Duration seconds, int connections, Duration hold) {
        return """
                # Requests per second over HTTP, side by side

                ```bash
                bash scripts/benchmark.sh only=door docs=true    # this page
                bash scripts/benchmark.sh only=door rounds=1 wrk-seconds=5 two-instances=false   # a quick look
                bash scripts/benchmark.sh only=door targets=STOCKLOCK_WAIT skus=HOT_SKU two-instances=false \\
                    service-jvm=-XX:StartFlightRecording=filename=/tmp/stocklock.jfr,settings=profile   # a profile
                ```

                Written by that command from one run on %s: %d cores, JDK %s. Each endpoint is driven by wrk
                (Debian's, in a process of its own) with %d connections and the JWTs of 1,000 distinct callers,
                each buyer asking for one unit, held for %d minutes, longer than the run, so that no hold expires
                while it is measured (the per-request endpoint has none to expire; stocklock's cap on what one buyer
                holds is lifted for the same reason); every endpoint is warmed up for a minute first, then %d rounds of
                %d s alternate between the endpoints. All services run as processes of their own against one
                durable PostgreSQL 17 (`fsync` and `synchronous_commit` on) and one Kafka broker, on the same cores
                as wrk. Every service JVM has a fixed 1 GB heap and the G1 collector, the JVM's default and the
                container image's; PostgreSQL's WAL is that of a server in service: 2 GB of segments written and
                recycled before the services start (`min_wal_size` 2 GB, `max_wal_size` 4 GB), so that no commit
                waits for a new segment to be created. The endpoints:

                - **per-request `FOR UPDATE` endpoint**: what a team would write instead, a plain Spring Boot
                  service (WebMVC, Spring Security's JWT resource server, HikariCP) deciding each request in its
                  own transaction: `SELECT ... FOR UPDATE`, `UPDATE`, `INSERT` the request row, `COMMIT`, then
                  201/409;
                - **stocklock, `Prefer: wait=10`**: decided at the door ([ADR 13](adr/0013-decide-at-the-door.md));
                - **stocklock, 202**: queued through the request topic;
                - **bare group commit**: on the reference's stack, concurrent requests decided in one transaction
                  per group (one sorted `FOR UPDATE`, one `UPDATE`, one multi-row `INSERT`), answered after the
                  commit; no idempotency, ledger, holdings or events: what the guarantees cost is the gap to it;
                - **authenticated no-op**: the ceiling of that stack.

                With two instances (stocklock's, and the bare group commit's: what a second process on the same
                cores costs the simplest group commit), the connections are split between two wrk processes, one
                per instance, and the rates added up. CPU per request is each kind of process's CPU time over the
                answers of the run: stocklock's JVMs (or the reference's), the Kafka broker, PostgreSQL
                (postmaster and backends) and wrk itself. Absolute figures drift up to 2x between runs on these
                shared machines; the ratios, taken within one run, hold better.

                %s
                ## Latency against offered load

                Measured after the one-instance rounds, before the two-instance ones. Each endpoint offered fixed
                rates, fractions of its own maximum above (the median of its rounds on one hot SKU), for %d s
                each: wrk sends every request at its time on whichever of %d connections is free (its Lua `delay`
                hook keeps the schedule), so a slow answer does not hold back the next arrival. "Sent late" counts
                requests that left more than 1 ms after their time because every connection was busy: where it is
                0, the percentiles are free of coordinated omission.

                %s
                ![p99 against offered load](benchmarks-door-latency.png)

                ## Mixed load

                Buyers of 10,000 cool SKUs offered a fixed rate (open loop as above), alone, then while buyers of
                one hot SKU keep %d connections busy (closed loop, as fast as stocklock answers them). A group
                that holds the hot SKU must not hold back the cool SKUs' buyers.

                %s
                Answers by status, over all rounds:

                ```
                %s
                ```

                After the runs: %s.
                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), connections, hold.toMinutes(), rounds, seconds.toSeconds(),
                table(runs),
                seconds.toSeconds(), OPEN_LOOP_CONNECTIONS, latencyTable(curve), connections, mixedTable(mixed),
                statuses(runs), violations.isEmpty()
                        ? "stock within bounds and equal to what RESERVED reservations hold, nothing PENDING, every "
                        + "outcome event published, at least one event on the topic for every decision"
                        : "**violations**: " + String.join("; ", violations));
    }

    /** docs/benchmarks.md's section of this run: the side by side and the latency plot; the rest is on its page. */
    static String section(List<Run> runs, int rounds, Duration seconds) {
        return """
                ## Requests per second over HTTP, side by side

                `bash scripts/benchmark.sh only=door docs=true` (this section and
                [benchmarks-door.md](benchmarks-door.md), which says how it is measured and has the latency, the
                mixed load and the answers by status in full; %s, %d alternating rounds of %d s, wrk).

                %s
                ![p99 against offered load, one hot SKU](benchmarks-door-latency.png)
                """.formatted(LocalDate.now(), rounds, seconds.toSeconds(), table(runs));
    }

    /** Answers by HTTP status, added up over the rounds. */
    static String statuses(List<Run> runs) {
        Map<String, Map<String, Long>> byEndpoint = new TreeMap<>();
        for (Run run : runs) {
            run.statuses().forEach((status, count) -> byEndpoint.computeIfAbsent(
                    run.target() + " x" + run.instances() + " " + run.skus(), key -> new TreeMap<>())
                    .merge(status, count, Long::sum));
        }
        return byEndpoint.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static double median(List<Run> runs, Target target, Skus skus, int instances,
                                 java.util.function.ToDoubleFunction<Run> value) {
        return median(runs.stream().filter(run -> run.target() == target && run.skus() == skus
                && run.instances() == instances).mapToDouble(value));
    }

    /** The median of the values; NaN when there are none. */
    static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
