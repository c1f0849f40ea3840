package io.stocklock.testsupport.process;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL 17 from the embedded binaries, as a server process of its own on a data directory that outlives it.
 * It commits durably ({@code synchronous_commit} and {@code fsync} on): an immediate stop must not lose a commit.
 * It can be given a synchronous standby ({@link #startSynchronousStandby}), which is promoted when it is lost.
 */
public final class PostgresServer {

    public static final String DATABASE = "stocklock";
    /** The name a standby streams under, which the primary waits for on every commit. */
    private static final String STANDBY_NAME = "standby";

    private final Path dataDirectory;
    private final int port = Processes.freePort();
    private EmbeddedPostgres running;

    public PostgresServer(Path runDirectory) {
        this(runDirectory, "postgres");
    }

    private PostgresServer(Path runDirectory, String name) {
        this.dataDirectory = runDirectory.resolve(name);
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dataDirectory);
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    /**
     * A standby streaming from this server, which acknowledges a commit only once the standby has flushed it
     * ({@code synchronous_standby_names}): whatever a client was told committed survives the loss of this server. The
     * standby is seeded from a copy of this server's data directory taken while it is stopped (the embedded binaries
     * have no {@code pg_basebackup}); call it before the service starts.
     */
    public synchronized PostgresServer startSynchronousStandby() {
        stop();
        PostgresServer standby = new PostgresServer(dataDirectory.getParent(), "postgres-standby");
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("postmaster.pid") && !name.equals("epg-lock")) {
                    Files.copy(file, standby.dataDirectory.resolve(dataDirectory.relativize(file)));
                }
            }
            Files.createFile(standby.dataDirectory.resolve("standby.signal"));
            Files.writeString(standby.dataDirectory.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=localhost port=%d user=%s application_name=%s'%n"
                            .formatted(port, user(), STANDBY_NAME), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the data directory", e);
        }
        start();
        execute("postgres", "ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
        execute("postgres", "SELECT pg_reload_conf()");
        standby.start();
        awaitSynchronousStandby(Duration.ofMinutes(1));
        return standby;
    }

    private void awaitSynchronousStandby(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT 1 FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'")) {
                if (rows.next()) {
                    return;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_replication", e);
            }
            Processes.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("no synchronous standby streaming within " + timeout);
    }

    /** A standby becomes a primary: it takes writes from now on, and waits for no standby of its own. */
    public void promote() {
        execute("postgres", "SELECT pg_promote(true, 60)");
    }

    /** The server and every backend of it killed at once (SIGKILL), as when its machine is lost. */
    public synchronized void kill() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> all = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(process -> Processes.awaitExit(process.pid(), Duration.ofSeconds(30)));
        stop();
    }

    public void createDatabase() {
        execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    /** {@code pg_ctl stop -m immediate}: the postmaster gets SIGQUIT and every backend dies without a checkpoint. */
    public synchronized void immediateStop() {
        long pid = postmasterPid();
        Processes.signal(pid, "QUIT");
        Processes.awaitExit(pid, Duration.ofSeconds(30));
        stop(); // lets go of the data directory's lock; the server is already gone
    }

    /** Ends every backend of the service's database but this one's: the service sees its connections drop. */
    public int terminateServiceConnections() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
                     FROM pg_stat_activity WHERE datname = '%s' AND pid <> pg_backend_pid()""".formatted(DATABASE))) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate backends", e);
        }
    }

    public synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException | RuntimeException e) {
                // already gone (stopped immediately), or stopping at the end of a run: nothing left to do
            }
            running = null;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** The URL of the database through a proxy on {@code proxyPort} ({@link FreezableProxy}). */
    public String jdbcUrl(int proxyPort) {
        return "jdbc:postgresql://localhost:" + proxyPort + "/" + DATABASE;
    }

    /**
     * The URL of a primary and its standby, on these ports, whichever is the primary: the driver connects to the
     * one that takes writes, and looks again at a server it found down or read-only after 2 s, not the default 10.
     */
    public static String failoverJdbcUrl(int primaryPort, int standbyPort) {
        return "jdbc:postgresql://localhost:%d,localhost:%d/%s?targetServerType=primary&hostRecheckSeconds=2"
                .formatted(primaryPort, standbyPort, DATABASE);
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

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, user(), password());
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The server's main process; its backends are its children. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running", e);
        }
    }
}
