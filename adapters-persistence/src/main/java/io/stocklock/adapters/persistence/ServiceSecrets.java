package io.stocklock.adapters.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code service_secret} table: secrets every instance shares, made by the migrations. */
public class ServiceSecrets {

    private final JdbcClient jdbc;

    public ServiceSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The secret every instance derives reservation ids from Idempotency-Keys under. */
    public byte[] reservationIds() {
        return jdbc.sql("SELECT value FROM service_secret WHERE name = 'reservation-ids'").query(byte[].class).single();
    }
}
