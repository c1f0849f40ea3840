package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestTokens;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code only=flash-sale}: 1,000 units of one SKU, 5,000 distinct buyers arriving at once over HTTP on 1,000
 * connections, one unit each, waiting for the decision; stocklock ({@code Prefer: wait}) and the per-request
 * {@code FOR UPDATE} endpoint in alternating rounds, on the same processes. Per round: who got the units in the order
 * the load generator sent the requests (the share of the units that went to the first 1,000 arrivals), the time until
 * the last buyer had an answer, and the generator's CPU per request. The generator is a Java HTTP client of its own
 * (wrk and h2load do not say which request got which answer).
 */
final class FlashSaleRun {

    static final int UNITS = 1_000;
    static final int BUYERS = 5_000;
    static final int CONNECTIONS = 1_000;
    static final List<HttpBenchmark.Target> TARGETS = List.of(HttpBenchmark.Target.PER_REQUEST_LOCK,
            HttpBenchmark.Target.STOCKLOCK_WAIT);

    private FlashSaleRun() {
    }

    /** One sale: how many units the first 1,000 arrivals got, and when the last buyer had an answer. */
    record Sale(HttpBenchmark.Target target, int round, long sold, long refused, Map<Integer, Long> failed,
                long soldToFirstArrivals, double lastAnswerSeconds, double generatorCpuMillisPerRequest) {

        double firstArrivalsShare() {
            return (double) soldToFirstArrivals / UNITS;
        }
    }

    private record Answer(long sent, int status) {
    }

    static void run(BenchmarkOptions options) throws Exception {
        int rounds = options.rounds();
        try (HttpBenchmark bench = new HttpBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            for (HttpBenchmark.Target target : TARGETS) {
                System.out.println("warming up " + target.label);
                bench.warmUp(target);
            }
            List<Sale> sales = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (HttpBenchmark.Target target : TARGETS) {
                    Sale sale = sell(bench, target, round);
                    System.out.println(sale);
                    sales.add(sale);
                }
            }
            String table = table(sales);
            System.out.println(table);
            if (options.docs().isPresent()) {
                var page = options.docs().get().resolve("benchmarks.md");
                Files.writeString(page, PageSection.FLASH_SALE.into(Files.readString(page), section(table, rounds)));
                System.out.println("wrote " + page.toAbsolutePath().normalize());
            }
        }
    }

    private static Sale sell(HttpBenchmark bench, HttpBenchmark.Target target, int round) throws Exception {
        String sku = "SALE-" + round + "-" + (target.stocklock ? "S" : "R");
        String base = bench.baseUrl(target);
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads).connectTimeout(Duration.ofSeconds(30)).build();
        if (target.stocklock) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/inventory"))
                    .header("Authorization", TestTokens.bearer("benchmark", TestTokens.ALL_SCOPES))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"onHand\":" + UNITS + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating " + sku + ": " + created.body());
            }
        } else {
            try (Connection db = bench.database(); Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO reference.inventory (sku, on_hand) VALUES ('" + sku + "', " + UNITS + ")");
            }
        }
        connect(http, target, base, sku);
        String body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"holdSeconds\":600}";
        List<HttpRequest> requests = new ArrayList<>(BUYERS);
        for (int i = 0; i < BUYERS; i++) {
            requests.add(HttpRequest.newBuilder(URI.create(base + "/reservations"))
                    .header("Authorization", TestTokens.bearer("buyer-" + round + "-" + i, "reservations:write",
                            Duration.ofHours(1), TestTokens.SECRET))
                    .header("Content-Type", "application/json").header("Prefer", "wait=10")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        Semaphore connections = new Semaphore(CONNECTIONS);
        AtomicLong order = new AtomicLong();
        List<CompletableFuture<Answer>> answers = new ArrayList<>(BUYERS);
        long cpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        AtomicLong lastAnswer = new AtomicLong(start);
        for (HttpRequest request : requests) {
            connections.acquire();
            long sent = order.getAndIncrement();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        connections.release();
                        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                        return new Answer(sent, failure == null ? response.statusCode() : -1);
                    }));
        }
        List<Answer> all = answers.stream().map(CompletableFuture::join).sorted(Comparator.comparingLong(Answer::sent))
                .toList();
        double cpuMillis = (ownCpuNanos() - cpuBefore) / 1e6;
        clientThreads.shutdown();
        long sold = all.stream().filter(answer -> answer.status() == 201).count();
        long refused = all.stream().filter(answer -> answer.status() == 409).count();
        long soldToFirst = all.subList(0, UNITS).stream().filter(answer -> answer.status() == 201).count();
        Map<Integer, Long> failed = all.stream().filter(answer -> answer.status() != 201 && answer.status() != 409)
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        return new Sale(target, round, sold, refused, failed, soldToFirst,
                (lastAnswer.get() - start) / 1e9, cpuMillis / BUYERS);
    }

    /**
     * The buyers' 1,000 connections, opened before the sale and kept by the client: "at once" then means the requests,
     * not a burst of new connections that the server's accept queue would reorder.
     */
    private static void connect(HttpClient http, HttpBenchmark.Target target, String base, String sku)
            throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> opened = new ArrayList<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) {
            // a caller each, as the buyers are: the service limits the rate of one caller
            String token = TestTokens.bearer("opener-" + i, TestTokens.ALL_SCOPES);
            HttpRequest request = target.stocklock
                    ? HttpRequest.newBuilder(URI.create(base + "/inventory/" + sku))
                    .header("Authorization", token).GET().build()
                    : HttpRequest.newBuilder(URI.create(base + "/noop"))
                    .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build();
            opened.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> each : opened) {
            if (each.join().statusCode() != 200) {
                throw new IllegalStateException("opening a connection to " + base + ": " + each.join().statusCode());
            }
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Each round, then per target the median share and time. */
    static String table(List<Sale> sales) {
        var table = new StringBuilder("""
                | target | round | units sold | refused | other answers | units to the first 1,000 arrivals | last answer after | generator CPU ms / request |
                |---|---|---|---|---|---|---|---|
                """);
        for (Sale sale : sales) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %s | %,d (%.0f%%) | %.2f s | %.2f |%n",
                    sale.target().label, sale.round(), sale.sold(), sale.refused(), sale.failed().isEmpty() ? "none"
                            : sale.failed().entrySet().stream().map(each -> (each.getKey() < 0 ? "no answer"
                            : each.getKey().toString()) + ": " + each.getValue()).collect(Collectors.joining(", ")),
                    sale.soldToFirstArrivals(), 100 * sale.firstArrivalsShare(), sale.lastAnswerSeconds(),
                    sale.generatorCpuMillisPerRequest()));
        }
        for (HttpBenchmark.Target target : TARGETS) {
            double[] shares = sales.stream().filter(sale -> sale.target() == target)
                    .mapToDouble(Sale::firstArrivalsShare).sorted().toArray();
            double[] times = sales.stream().filter(sale -> sale.target() == target)
                    .mapToDouble(Sale::lastAnswerSeconds).sorted().toArray();
            if (shares.length > 0) {
                table.append(String.format(Locale.ROOT, "| **%s, median** | | | | | **%.0f%%** | **%.2f s** | |%n",
                        target.label, 100 * shares[shares.length / 2], times[times.length / 2]));
            }
        }
        return table.toString();
    }

    static String section(String table, int rounds) {
        return "## Flash sale: who gets the units\n\n" + String.format(Locale.ROOT, """
                `bash scripts/benchmark.sh only=flash-sale docs=true` (this section; %d rounds, %s, %d cores, JDK %s).
                1,000 units of one SKU; 5,000 distinct buyers (one token each) arriving at once over HTTP on 1,000
                connections, one unit each, waiting for the decision (`Prefer: wait` for stocklock); stocklock as
                `java -jar` and the per-request `FOR UPDATE` endpoint a team would write, in alternating rounds on the
                same durable PostgreSQL, each with a SKU of its own. The 1,000 connections are opened before the sale
                (else the server's accept queue, not the service, decides who is first). "Units to the first 1,000 arrivals" counts the
                units sold to the 1,000 requests the load generator sent first: 100%% is first come, first served as
                the buyers saw it. The generator is a Java HTTP client of the benchmark's own (wrk and h2load do not
                say which request got which answer), in its own JVM beside the services on the same cores; its CPU
                per request is in the last column. Sold-out refusals per second are in
                [benchmarks-door.md](benchmarks-door.md) (the sold-out SKU workload).

                """, rounds, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")) + table;
    }
}
