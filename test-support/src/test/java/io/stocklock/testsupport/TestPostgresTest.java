package io.stocklock.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void aStoppedServerComesBackWithItsDataAtTheSameAddress() throws SQLException {
        TestPostgres.TestDatabase database = TestPostgres.freshDatabase();
        execute(database, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");

        TestPostgres.stop();
        try {
            assertThatThrownBy(() -> execute(database, "SELECT 1")).isInstanceOf(SQLException.class);
        } finally {
            TestPostgres.start();
        }

        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM survivor")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    private static void execute(TestPostgres.TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
