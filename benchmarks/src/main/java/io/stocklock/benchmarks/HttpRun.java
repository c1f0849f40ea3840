package io.stocklock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code only=http}: stocklock over HTTP side by side with the per-request endpoint and the no-op ceiling. */
final class HttpRun {

    private HttpRun() {
    }

    static void run(BenchmarkOptions options) throws Exception {
        Duration httpRun = options.httpSeconds();
        Optional<Path> docs = options.docs();
        Progress progress = new Progress(60);
        progress.step("starting PostgreSQL, a Kafka broker, stocklock and the reference service as processes",
                Duration.ZERO);
        try (HttpBenchmark bench = new HttpBenchmark(Benchmarks.serviceDirectory(), options.setup())) {
            List<HttpSideBySide.Sweep> sweeps = new HttpSideBySide(bench, httpRun, progress).all();
            System.out.println(HttpSideBySide.table(sweeps));
            System.out.println(HttpSideBySide.cpuTable(sweeps));
            System.out.println("Gatling reports: " + bench.directory().resolve("gatling").toAbsolutePath());
            if (docs.isPresent()) {
                HttpSideBySide.plot(sweeps, Files.createDirectories(docs.get().resolve("benchmarks"))
                        .resolve("http-latency-by-offered-load.png"));
                Files.writeString(docs.get().resolve("benchmarks-http.md"), HttpSideBySide.markdown(sweeps, httpRun));
                System.out.println("wrote " + docs.get().resolve("benchmarks-http.md").toAbsolutePath().normalize());
            }
        }
    }
}
