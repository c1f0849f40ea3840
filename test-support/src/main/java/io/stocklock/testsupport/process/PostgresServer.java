package io.stocklock.testsupport.process;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 17 from the embedded binaries, as a server process of its own on a data directory that outlives it.
 * It commits durably ({@code synchronous_commit} and {@code fsync} on): an immediate stop must not lose a commit.
 */
public final class PostgresServer {

    public static final String DATABASE = "stocklock";

    private final Path dataDirectory;
    private final int port = Processes.freePort();
    private EmbeddedPostgres running;

    public PostgresServer(Path runDirectory) {
        this.dataDirectory = runDirectory.resolve("postgres");
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
