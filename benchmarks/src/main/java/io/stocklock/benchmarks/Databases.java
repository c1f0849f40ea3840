package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where each measurement gets an empty database: a new database on the embedded PostgreSQL 17, or, given
 * {@code jdbc-url} (with {@code jdbc-user} and {@code jdbc-password}), that database with its {@code public} schema
 * dropped and created again. Point it only at a database the benchmark may wipe.
 */
final class Databases {

    private static volatile TestPostgres.TestDatabase given;

    private Databases() {
    }

    static void use(String url, String user, String password) {
        given = new TestPostgres.TestDatabase(url, user, password);
    }

    static TestPostgres.TestDatabase fresh() {
        TestPostgres.TestDatabase database = given;
        if (database == null) {
            return TestPostgres.freshDatabase();
        }
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + database.url(), e);
        }
        return database;
    }
}
