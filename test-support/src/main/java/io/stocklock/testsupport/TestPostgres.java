package io.stocklock.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL 17 server per test JVM: a Testcontainers container where a Docker engine answers, the
 * embedded binaries otherwise. Every caller gets a database of its own on it, so tests never see each other's rows.
 */
public final class TestPostgres {

    /** What the service sets on every connection (see the datasource settings of the application). */
    public static final String CONNECTION_INIT_SQL = "SET lock_timeout = '5s'; SET statement_timeout = '60s'";

    /**
     * System property: {@code true} makes the embedded server flush every commit to disk like a production server
     * (by default it runs with fsync and synchronous commit off, which is right for tests).
     */
    public static final String DURABLE = "stocklock.postgres.durable";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Server server;

    private TestPostgres() {
    }

    /** A database of its own, empty, on the shared server. */
    public static TestDatabase freshDatabase() {
        Server running = server();
        String name = "stocklock_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(running.adminUrl(), running.user(), running.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(running.urlOf(name), running.user(), running.password());
    }

    private static Server server() {
        if (server == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    boolean docker = DockerClientFactory.instance().isDockerAvailable();
                    LOG.info("PostgreSQL for tests: {}", docker ? "Testcontainers (postgres:17-alpine)"
                            : "embedded PostgreSQL 17 binaries (no Docker engine answered)");
                    server = docker ? Server.container() : Server.embedded();
                }
            }
        }
        return server;
    }

    /** A database's coordinates; {@link #dataSource} opens a pool configured as the service configures its own. */
    public record TestDatabase(String url, String user, String password) {

        public HikariDataSource dataSource(int maximumPoolSize) {
            return dataSource(maximumPoolSize, CONNECTION_INIT_SQL);
        }

        /** A pool whose connections run {@code connectionInitSql} when they open (instead of the service's). */
        public HikariDataSource dataSource(int maximumPoolSize, String connectionInitSql) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(maximumPoolSize);
            config.setConnectionInitSql(connectionInitSql);
            return new HikariDataSource(config);
        }
    }

    /** Takes the shared server away (stopped, or paused where it runs in a container), as in an outage. */
    public static void stop() {
        server().stop();
    }

    /** Brings the shared server back after {@link #stop()}, with all its data, at the same address. */
    public static void start() {
        server().start();
    }

    private interface Server {

        String host();

        int port();

        String user();

        String password();

        void stop();

        void start();

        static Server embedded() {
            try {
                Path dataDirectory = Files.createTempDirectory("stocklock-test-postgres");
                EmbeddedServer server = new EmbeddedServer(dataDirectory);
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stop();
                    deleteRecursively(dataDirectory);
                }, "embedded-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }

        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        static Server container() {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                    .withCommand("postgres", "-c", "max_connections=300");
            container.start();
            return new Server() {
                public String host() {
                    return container.getHost();
                }

                public int port() {
                    return container.getMappedPort(5432);
                }

                public String user() {
                    return container.getUsername();
                }

                public String password() {
                    return container.getPassword();
                }

                public void stop() {
                    container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
                }

                public void start() {
                    container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
                }
            };
        }

        default String adminUrl() {
            return urlOf("postgres");
        }

        default String urlOf(String database) {
            return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a shutdown for
        }
    }

    /** Embedded binaries on a data directory that outlives a stop, on a port that stays the same. */
    private static final class EmbeddedServer implements Server {

        private final Path dataDirectory;
        private volatile int port;
        private volatile EmbeddedPostgres running;

        EmbeddedServer(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        public String host() {
            return "localhost";
        }

        public int port() {
            return port;
        }

        public String user() {
            return "postgres";
        }

        public String password() {
            return "postgres";
        }

        public synchronized void start() {
            if (running != null) {
                return;
            }
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory.toFile())
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "300");
                if (Boolean.getBoolean(DURABLE)) {
                    // the embedded server skips fsync and synchronous commit unless told otherwise; benchmarks must not
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                if (port != 0) {
                    builder.setPort(port);
                }
                running = builder.start();
                port = running.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }

        public synchronized void stop() {
            if (running == null) {
                return;
            }
            try {
                running.close();
                running = null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
            }
        }
    }
}
