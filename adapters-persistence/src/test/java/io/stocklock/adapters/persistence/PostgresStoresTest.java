package io.stocklock.adapters.persistence;

import io.stocklock.application.fake.Ports;
import io.stocklock.application.fake.StoresContract;
import org.junit.jupiter.api.AfterEach;

/** The store contract against PostgreSQL: a fresh database per test. */
class PostgresStoresTest extends StoresContract {

    private PostgresPorts postgres;

    @Override
    protected Ports emptyPorts() {
        postgres = new PostgresPorts(2);
        return postgres.ports;
    }

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }
}
