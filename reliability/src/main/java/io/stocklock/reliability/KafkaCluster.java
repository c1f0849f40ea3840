package io.stocklock.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Three Kafka brokers in KRaft mode, each a JVM of its own started from the Kafka jars on this module's class path.
 * Every node is broker and controller; topics get 3 replicas and need 2 in sync to take a write.
 */
final class KafkaCluster implements AutoCloseable {

    static final int NODES = 3;

    private final Path directory;
    private final int[] brokerPorts = IntStream.range(0, NODES).map(i -> Processes.freePort()).toArray();
    private final int[] controllerPorts = IntStream.range(0, NODES).map(i -> Processes.freePort()).toArray();
    private final Process[] nodes = new Process[NODES];

    KafkaCluster(Path runDirectory) {
        this.directory = runDirectory.resolve("kafka");
    }

    void start() {
        String clusterId = Uuid.randomUuid().toString();
        for (int node = 0; node < NODES; node++) {
            Path config = writeConfig(node);
            Process format = Processes.start(List.of(Processes.java(), "-cp", classPath(), "kafka.tools.StorageTool",
                    "format", "-t", clusterId, "-c", config.toString()), log(node));
            await(format, node);
        }
        for (int node = 0; node < NODES; node++) {
            start(node);
        }
    }

    synchronized void start(int node) {
        if (nodes[node] != null && nodes[node].isAlive()) {
            return;
        }
        nodes[node] = Processes.start(List.of(Processes.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + logbackConfig(), "-cp", classPath(), "kafka.Kafka",
                directory.resolve("node-" + node + ".properties").toString()), log(node));
    }

    synchronized void kill(int node) {
        Process process = nodes[node];
        if (process != null && process.isAlive()) {
            Processes.signal(process.pid(), "KILL");
            Processes.awaitExit(process.pid(), Duration.ofSeconds(30));
        }
    }

    /** The node that leads partition 0 of {@code topic}, or a node that is alive if that cannot be told. */
    int leaderOf(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().get(0).leader().id();
        } catch (Exception e) {
            return 0;
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    String bootstrapServers() {
        return IntStream.of(brokerPorts).mapToObj(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        for (int node = 0; node < NODES; node++) {
            if (nodes[node] != null) {
                nodes[node].destroy();
            }
        }
        for (Process process : nodes) {
            if (process != null) {
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Path writeConfig(int node) {
        String voters = IntStream.range(0, NODES).mapToObj(i -> i + "@localhost:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(node));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", "PLAINTEXT://localhost:" + brokerPorts[node] + ",CONTROLLER://localhost:"
                + controllerPorts[node]);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPorts[node]);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", directory.resolve("data-" + node).toString());
        config.put("num.partitions", "6");
        config.put("default.replication.factor", "3");
        config.put("min.insync.replicas", "2");
        config.put("offsets.topic.replication.factor", "3");
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", "3");
        config.put("transaction.state.log.min.isr", "2");
        config.put("share.coordinator.state.topic.replication.factor", "3");
        config.put("share.coordinator.state.topic.min.isr", "2");
        config.put("unclean.leader.election.enable", "false");
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("node-" + node + ".properties");
            try (var out = Files.newBufferedWriter(file)) {
                config.store(out, "Kafka node " + node + " of a fault-suite run");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path logbackConfig() {
        Path file = directory.resolve("logback.xml");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, """
                        <configuration>
                          <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                          </appender>
                          <root level="WARN"><appender-ref ref="out"/></root>
                          <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                        </configuration>
                        """);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log(int node) {
        return directory.resolve("node-" + node + ".log");
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static void await(Process process, int node) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("formatting the storage of Kafka node " + node + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
