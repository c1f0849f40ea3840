package io.stocklock.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Strategy (a)'s SQL run by PostgreSQL's own load generator, {@code pgbench}, as an outside reference: its own
 * process, its own client connections, against the same server. {@code scripts/install-pgbench.sh} installs it.
 */
final class Pgbench {

    /** The SKU each transaction asks for, as a pgbench expression. */
    private static final Map<Workload, String> SKU_NUMBER = Map.of(
            Workload.HOT, "0",
            Workload.UNIFORM, "random(0, 9999)",
            // pgbench's Zipf needs s > 1
            Workload.ZIPF, "random_zipfian(1, 10000, 1.001) - 1");

    private static final String SKU = "'SKU-' || lpad(:n::text, 5, '0')";

    private Pgbench() {
    }

    /** Multi-line requests would need a loop, which pgbench scripts do not have. */
    static boolean supports(Workload workload) {
        return SKU_NUMBER.containsKey(workload);
    }

    /**
     * The script: (a)'s transaction for one unit of one SKU, the INSERT being (a)'s own statement.
     *
     * @param skuNumber the number of the SKU each transaction asks for, as a pgbench expression
     */
    static String script(String skuNumber) {
        String skus = "ARRAY[" + SKU + "]";
        String reserved = oneLine(Strategy.requestInsert("'RESERVED'", "true", skus, "ARRAY[1::bigint]"));
        String rejected = oneLine(Strategy.requestInsert("'REJECTED'", "false", skus, "ARRAY[1::bigint]"));
        return """
                \\set n %s
                BEGIN;
                SELECT on_hand - reserved AS available FROM inventory WHERE sku = ANY(ARRAY[%s]) ORDER BY sku FOR UPDATE \\gset
                \\if :available >= 1
                UPDATE inventory SET reserved = reserved + 1, version = version + 1, updated_at = now() WHERE sku = %s;
                %s;
                \\else
                %s;
                \\endif
                COMMIT;
                """.formatted(skuNumber, SKU, SKU, reserved, rejected);
    }

    /** pgbench reads a command up to the end of its line. */
    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    static Strategy.Result run(BenchmarkDatabase db, Workload workload, Duration duration, int clients,
                               Strategy strategy) throws Exception {
        return run(db, SKU_NUMBER.get(workload), duration, clients, strategy.label);
    }

    /** @param skuNumber the number of the SKU each transaction asks for, as a pgbench expression */
    static Strategy.Result run(BenchmarkDatabase db, String skuNumber, Duration duration, int clients, String label)
            throws Exception {
        Path directory = Files.createTempDirectory("pgbench-");
        Path script = Files.writeString(directory.resolve("seed-transaction.sql"), script(skuNumber));
        URI url = URI.create(db.database.url().substring("jdbc:".length()));
        var command = new ProcessBuilder(executable(), "--no-vacuum", "--protocol=prepared",
                "--client=" + clients, "--jobs=" + Math.min(clients, Runtime.getRuntime().availableProcessors()),
                "--time=" + duration.toSeconds(), "--file=" + script, "--log",
                "--log-prefix=" + directory.resolve("transactions"),
                "--host=" + url.getHost(), "--port=" + url.getPort(), "--username=" + db.database.user(),
                url.getPath().substring(1))
                .directory(directory.toFile())
                .redirectErrorStream(true);
        command.environment().put("PGPASSWORD", db.database.password());
        command.environment().put("PGOPTIONS", "-c synchronous_commit=" + (db.synchronousCommit ? "on" : "off"));
        long walSyncsBefore = db.walSyncs();
        MachineCpu cpu = MachineCpu.start();
        Process pgbench = command.start();
        String output = new String(pgbench.getInputStream().readAllBytes());
        if (pgbench.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        double cpuBusy = cpu.busyCores();
        long walSyncs = db.walSyncs() - walSyncsBefore;
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no throughput:\n" + output);
        }
        Histogram latency = new Histogram(3);
        try (Stream<Path> logs = Files.list(directory)) {
            for (Path log : logs.filter(file -> file.getFileName().toString().startsWith("transactions")).toList()) {
                // client transaction latency_us script epoch epoch_us
                for (String line : Files.readAllLines(log)) {
                    latency.recordValue(Math.max(1, Long.parseLong(line.split(" ")[2])));
                }
            }
        }
        long decisions = latency.getTotalCount();
        Duration elapsed = Duration.ofNanos((long) (decisions / Double.parseDouble(tps.group(1)) * 1e9));
        deleteAll(directory);
        return new Strategy.Result(label, clients, decisions, elapsed, 0, walSyncs, cpuBusy, latency,
                db.oversold(false));
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench",
                "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("pgbench is not installed: bash scripts/install-pgbench.sh installs it");
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
