package io.stocklock.testsupport.process;

import io.stocklock.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
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
public final class ServiceInstance {

    /** The secret reservation ids are derived from Idempotency-Keys under, so a client can tell the id of its key. */
    public static final String ID_SECRET = "the secret of reservation ids of test instances";


    /**
     * On JDK 25 and later the archive is the JDK's ahead-of-time cache (classes loaded and linked, and the profiles of
     * the training run's methods: JEPs 483, 514, 515), on earlier ones a class data sharing archive.
     */
    private static final boolean AHEAD_OF_TIME_CACHE = Runtime.version().feature() >= 25;

    private final String name;
    private final Path runDirectory;
    private final PostgresServer postgres;
    private final KafkaCluster kafka;
    private final List<String> settings;
    private final String jdbcUrl;
    private final String bootstrapServers;
    private final int port = Processes.freePort();
    private final int managementPort = Processes.freePort();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean classDataSharing;
    private volatile Process process;
    private volatile boolean routed;

    /** @param settings further {@code --name=value} arguments, after those that point it at the servers */
    public ServiceInstance(String name, Path runDirectory, PostgresServer postgres, KafkaCluster kafka,
                           List<String> settings) {
        this(name, runDirectory, postgres, postgres.jdbcUrl(), kafka, kafka.bootstrapServers(), settings);
    }

    /**
     * @param jdbcUrl          how this instance reaches the database: through a proxy of its own, say
     * @param bootstrapServers how it reaches the brokers: by a route of its own, say
     */
    public ServiceInstance(String name, Path runDirectory, PostgresServer postgres, String jdbcUrl,
                           KafkaCluster kafka, String bootstrapServers, List<String> settings) {
        this.name = name;
        this.settings = List.copyOf(settings);
        this.runDirectory = runDirectory;
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * From now on, starts from an archive of the application's classes (class data sharing, as docs/operations.md,
     * "Starting fast", has operators do), made by one training run per run directory.
     */
    public ServiceInstance withClassDataSharing() {
        classDataSharing = true;
        return this;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(jvm());
        Path archive = classDataArchive();
        if (archive != null) {
            command.add((AHEAD_OF_TIME_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        }
        command.addAll(List.of("-jar", (archive != null ? extractedJar() : applicationJar()).toString()));
        command.addAll(arguments());
        process = Processes.start(command, runDirectory.resolve(name + ".log"));
    }

    private static List<String> jvm() {
        // an instance out of memory exits, as an orchestrator would have it, instead of limping on
        List<String> options = new ArrayList<>(List.of(Processes.java()));
        options.addAll(Processes.serviceMemory());
        options.add("-XX:+ExitOnOutOfMemoryError");
        // -Dstocklock.jvm-options="-XX:StartFlightRecording=..." to profile the instances a run starts
        options.addAll(List.of(System.getProperty("stocklock.jvm-options", "").split(" ")).stream()
                .filter(option -> !option.isBlank()).toList());
        return options;
    }

    /**
     * The archive of the application's classes the instances of this run start from: the jar extracted, then one
     * training run that starts the application against this run's servers and exits once its context is refreshed,
     * leaving the archive. Nothing without {@link #withClassDataSharing}, or when the training run did not leave one.
     */
    private Path classDataArchive() {
        if (!classDataSharing) {
            return null;
        }
        Path archive = runDirectory.resolve("cds").resolve(AHEAD_OF_TIME_CACHE ? "stocklock.aot" : "stocklock.jsa");
        synchronized (ServiceInstance.class) {
            if (!Files.exists(archive) && !Files.exists(archive.resolveSibling("training-failed"))) {
                train(archive);
            }
        }
        return Files.exists(archive) ? archive : null;
    }

    private void train(Path archive) {
        Path directory = archive.getParent();
        try {
            Files.createDirectories(directory);
            await(Processes.start(List.of(Processes.java(), "-Djarmode=tools", "-jar", applicationJar().toString(),
                    "extract", "--force", "--destination", directory.resolve("app").toString()),
                    directory.resolve("extract.log")), Duration.ofMinutes(1));
            List<String> command = new ArrayList<>(jvm());
            command.addAll(List.of((AHEAD_OF_TIME_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=")
                            + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", extractedJar().toString()));
            command.addAll(arguments());
            await(Processes.start(command, directory.resolve("training.log")), Duration.ofMinutes(5));
        } catch (Exception e) {
            // the instances start without the archive
        }
        if (!Files.exists(archive)) {
            try {
                Files.writeString(archive.resolveSibling("training-failed"), "see training.log\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path extractedJar() {
        return runDirectory.resolve("cds").resolve("app").resolve(applicationJar().getFileName());
    }

    private static void await(Process process, Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    private List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--stocklock.kafka.replication-factor=" + kafka.replicationFactor(),
                "--stocklock.security.jwt-secret=" + TestTokens.SECRET,
                "--stocklock.http.id-secret=" + ID_SECRET,
                // load comes from a handful of callers here
                "--stocklock.security.requests-per-second=100000",
                "--stocklock.security.burst=100000",
                "--logging.level.root=WARN",
                "--logging.level.io.stocklock=INFO"));
        arguments.addAll(settings);
        return arguments;
    }

    /** Waits until the readiness probe answers UP. */
    public void awaitReady(Duration timeout) {
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

    public boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(managementUri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    public void kill() {
        routed = false;
        signal("KILL");
        Processes.awaitExit(process.pid(), Duration.ofSeconds(30));
    }

    /** The process id of the running instance. */
    public long pid() {
        return process.pid();
    }

    public void freeze() {
        signal("STOP");
    }

    public void thaw() {
        signal("CONT");
    }

    /** SIGTERM: a graceful shutdown (the instance finishes its batch and commits). */
    public void stop() {
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
    public boolean routed() {
        return routed;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** On the management port: the probes, the scrape, the operations endpoints. */
    public URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    public String name() {
        return name;
    }

    private void signal(String signal) {
        Processes.signal(process.pid(), signal);
    }

    /** {@code -Dstocklock.jar=...}, or the jar the bootstrap module of this checkout built. */
    public static Path applicationJar() {
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
                    + ": build it with mvn -pl bootstrap -am package -DskipTests", e);
        }
    }
}
