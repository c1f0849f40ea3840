package io.stocklock.benchmarks;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.ServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code only=import}: a catalogue of {@code import-skus} SKUs (100,000) imported over HTTP into stocklock running as
 * {@code java -jar} on a durable PostgreSQL, timed from the first byte sent to the last line of the answer; then the
 * same import again (absolute levels: nothing changes), and the invariants.
 */
final class ImportRun {

    private ImportRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        Path directory = Benchmarks.serviceDirectory();
        var postgres = new PostgresServer(directory);
        postgres.start();
        postgres.createDatabase();
        var kafka = new KafkaCluster(directory, 1);
        kafka.start();
        var service = new ServiceInstance("stocklock", directory, postgres, kafka, options.setup().settings());
        try {
            service.start();
            service.awaitReady(Duration.ofMinutes(3));
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < options.importSkus(); i++) {
                lines.append("{\"sku\":\"IMPORT-").append(i).append("\",\"onHand\":").append(100 + i % 900)
                        .append("}\n");
            }
            byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String pass : List.of("first import (creates)", "the same import again (nothing changes)")) {
                long started = System.nanoTime();
                HttpResponse<java.util.stream.Stream<String>> answer = http.send(HttpRequest.newBuilder(
                                service.uri("/inventory/import"))
                        .header("Authorization", TestTokens.bearer("importer", TestTokens.ALL_SCOPES,
                                Duration.ofHours(1), TestTokens.SECRET))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.ofLines());
                List<String> answered = new ArrayList<>();
                answer.body().forEach(answered::add);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %,d SKUs (%,d bytes) in %.1f s, %,.0f lines/s; HTTP %d; %s%n",
                        pass, options.importSkus(), body.length, seconds, options.importSkus() / seconds,
                        answer.statusCode(), answered.isEmpty() ? "no answer" : answered.get(answered.size() - 1));
            }
            try (Connection db = postgres.connect(PostgresServer.DATABASE)) {
                var invariants = new StockInvariants(JdbcClient.create(new SingleConnectionDataSource(db, true)));
                List<String> violations = new ArrayList<>(invariants.stockViolations());
                violations.addAll(invariants.allocationViolations());
                System.out.println(violations.isEmpty() ? "invariants: all hold" : "VIOLATIONS: " + violations);
            }
        } finally {
            service.stop();
            kafka.close();
            postgres.stop();
        }
    }
}
