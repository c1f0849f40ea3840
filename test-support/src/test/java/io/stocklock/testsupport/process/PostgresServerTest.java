package io.stocklock.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void whatThePrimaryCommittedIsOnItsStandbyPromotedAfterThePrimaryIsKilled(@TempDir Path directory)
            throws SQLException {
        PostgresServer primary = new PostgresServer(directory);
        PostgresServer standby = null;
        try {
            primary.start();
            primary.createDatabase();
            standby = primary.startSynchronousStandby();
            String url = PostgresServer.failoverJdbcUrl(primary.port(), standby.port());
            try (Connection connection = DriverManager.getConnection(url, primary.user(), primary.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE acknowledged (n int)");
                statement.execute("INSERT INTO acknowledged SELECT generate_series(1, 1000)");
            }

            primary.kill();
            standby.promote();

            try (Connection connection = DriverManager.getConnection(url, primary.user(), primary.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO acknowledged VALUES (1001)");
                try (ResultSet rows = statement.executeQuery("SELECT count(*), inet_server_port() FROM acknowledged")) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("every acknowledged row, and a write after the failover")
                            .isEqualTo(1001);
                    assertThat(rows.getInt(2)).as("the port of the server that answered").isEqualTo(standby.port());
                }
            }
        } finally {
            primary.stop();
            if (standby != null) {
                standby.stop();
            }
        }
    }
}
