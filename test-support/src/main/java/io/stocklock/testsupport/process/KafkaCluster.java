package io.stocklock.testsupport.process;

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
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Kafka brokers in KRaft mode, each a JVM of its own started from the Kafka jars on the class path of this JVM
 * ({@code java.class.path}). Every node is broker and controller. With three nodes or more, topics get 3 replicas and
 * need 2 in sync to take a write.
 *
 * <p>Clients may reach the cluster by a route of their own: each node has a listener per route, advertised at a
 * {@link FreezableProxy} in front of it, so that one route can be cut off ({@link #partition}) while every other
 * client, and the brokers among themselves, go on.
 */
public final class KafkaCluster implements AutoCloseable {

    private final Path directory;
    private final int size;
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final Process[] nodes;
    /** Per route, per node: the listener's port and the proxy in front of it. */
    private final int[][] routePorts;
    private final FreezableProxy[][] routeProxies;

    public KafkaCluster(Path runDirectory, int size) {
        this(runDirectory, size, 0);
    }

    /** @param routes how many routes of their own clients may take, each through proxies that can be frozen */
    public KafkaCluster(Path runDirectory, int size, int routes) {
        this.directory = runDirectory.resolve("kafka");
        this.size = size;
        this.brokerPorts = IntStream.range(0, size).map(i -> Processes.freePort()).toArray();
        this.controllerPorts = IntStream.range(0, size).map(i -> Processes.freePort()).toArray();
        this.nodes = new Process[size];
        this.routePorts = new int[routes][size];
        this.routeProxies = new FreezableProxy[routes][size];
        for (int route = 0; route < routes; route++) {
            for (int node = 0; node < size; node++) {
                routePorts[route][node] = Processes.freePort();
                routeProxies[route][node] = new FreezableProxy(routePorts[route][node]);
            }
        }
    }

    /** The replicas a topic gets: 3, or every node of a smaller cluster. */
    public int replicationFactor() {
        return Math.min(3, size);
    }

    public void start() {
        String clusterId = Uuid.randomUuid().toString();
        for (int node = 0; node < size; node++) {
            Path config = writeConfig(node);
            Process format = Processes.start(List.of(Processes.java(), "-cp", classPath(), "kafka.tools.StorageTool",
                    "format", "-t", clusterId, "-c", config.toString()), log(node));
            await(format, node);
        }
        for (int node = 0; node < size; node++) {
            start(node);
        }
    }

    public synchronized void start(int node) {
        if (nodes[node] != null && nodes[node].isAlive()) {
            return;
        }
        nodes[node] = Processes.start(List.of(Processes.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + logbackConfig(), "-cp", classPath(), "kafka.Kafka",
                directory.resolve("node-" + node + ".properties").toString()), log(node));
    }

    public synchronized void kill(int node) {
        Process process = nodes[node];
        if (process != null && process.isAlive()) {
            Processes.signal(process.pid(), "KILL");
            Processes.awaitExit(process.pid(), Duration.ofSeconds(30));
        }
    }

    /** The node that leads partition 0 of {@code topic}, or a node that is alive if that cannot be told. */
    public int leaderOf(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().get(0).leader().id();
        } catch (Exception e) {
            return 0;
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    public String bootstrapServers() {
        return IntStream.of(brokerPorts).mapToObj(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    /** The bootstrap servers of one route: its proxies. */
    public String bootstrapServers(int route) {
        return Stream.of(routeProxies[route]).map(proxy -> "localhost:" + proxy.port())
                .collect(Collectors.joining(","));
    }

    /** Nothing passes on this route, to any node, until {@link #heal}; connections are not reset. */
    public void partition(int route) {
        Stream.of(routeProxies[route]).forEach(FreezableProxy::freeze);
    }

    public void heal(int route) {
        Stream.of(routeProxies[route]).forEach(FreezableProxy::heal);
    }

    @Override
    public void close() {
        Stream.of(routeProxies).flatMap(Stream::of).forEach(FreezableProxy::close);
        for (int node = 0; node < size; node++) {
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
        String voters = IntStream.range(0, size).mapToObj(i -> i + "@localhost:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(node));
        config.put("controller.quorum.voters", voters);
        StringBuilder listeners = new StringBuilder("PLAINTEXT://localhost:" + brokerPorts[node]
                + ",CONTROLLER://localhost:" + controllerPorts[node]);
        StringBuilder advertised = new StringBuilder("PLAINTEXT://localhost:" + brokerPorts[node]);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        for (int route = 0; route < routePorts.length; route++) {
            listeners.append(",ROUTE").append(route).append("://localhost:").append(routePorts[route][node]);
            advertised.append(",ROUTE").append(route).append("://localhost:").append(routeProxies[route][node].port());
            protocols.append(",ROUTE").append(route).append(":PLAINTEXT");
        }
        config.put("listeners", listeners.toString());
        config.put("advertised.listeners", advertised.toString());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", protocols.toString());
        config.put("log.dirs", directory.resolve("data-" + node).toString());
        config.put("num.partitions", "6");
        String replicas = Integer.toString(replicationFactor());
        String inSync = Integer.toString(Math.max(1, replicationFactor() - 1));
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", inSync);
        config.put("offsets.topic.replication.factor", replicas);
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", inSync);
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", inSync);
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
