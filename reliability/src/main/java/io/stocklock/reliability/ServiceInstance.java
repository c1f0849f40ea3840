package io.stocklock.reliability;

import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One stocklock instance, started from the application jar with {@code java -jar} like in production. */
final class ServiceInstance {

    /** Short consumer timeouts, so that a dead or frozen instance loses its partitions within seconds. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Path runDirectory;
    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final int port = Processes.freePort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile boolean routed;

    ServiceInstance(String name, Path runDirectory, PostgresServer postgres, KafkaCluster kafka) {
        this.name = name;
        this.runDirectory = runDirectory;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-jar", applicationJar().toString()));
        command.addAll(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000",
                "--spring.kafka.consumer.properties.max.poll.interval.ms=" + MAX_POLL_INTERVAL.toMillis(),
                "--stocklock.kafka.replication-factor=3",
                "--stocklock.kafka.send-timeout=" + SEND_TIMEOUT.toSeconds() + "s",
                "--stocklock.security.jwt-secret=" + TestTokens.SECRET,
                "--stocklock.security.requests-per-second=100000",
                "--stocklock.security.burst=100000",
                "--stocklock.background.stale-pending-after=10s",
                "--stocklock.background.stale-pending-period=2s",
                "--stocklock.background.invariant-check-period=10s",
                "--logging.level.root=WARN",
                "--logging.level.io.stocklock=INFO"));
        process = Processes.start(command, runDirectory.resolve(name + ".log"));
    }

    /** Waits until the readiness probe answers UP. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see its log");
            }
            if (ready()) {
                routed = true;
                return;
            }
            Processes.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    void kill() {
        routed = false;
        signal("KILL");
        Processes.awaitExit(process.pid(), Duration.ofSeconds(30));
    }

    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    /** SIGTERM: a graceful shutdown (the instance finishes its batch and commits). */
    void stop() {
        routed = false;
        Process running = process;
        if (running != null && running.isAlive()) {
            signal("CONT");
            running.destroy();
            try {
                if (!running.waitFor(60, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether a load balancer sends it requests: from the time it is first ready until it is killed or stopped. A
     * frozen instance still gets them; nothing outside it can tell.
     */
    boolean routed() {
        return routed;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    String name() {
        return name;
    }

    private void signal(String signal) {
        Processes.signal(process.pid(), signal);
    }

    /** {@code -Dstocklock.jar=...}, or the jar the bootstrap module of this checkout built. */
    static Path applicationJar() {
        String given = System.getProperty("stocklock.jar");
        if (given != null) {
            return Path.of(given);
        }
        Path target = Path.of("..", "bootstrap", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("stocklock-bootstrap-.*\\.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("no application jar in " + target
                    + ": build it with mvn -pl reliability -am package -DskipTests", e);
        }
    }
}
