package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** The assembled application on a real PostgreSQL: migrated, configured, and deciding through its use cases. */
@SpringBootTest
@ContextConfiguration(initializers = TestServers.class)
class StocklockApplicationTest {

    @Autowired
    ManageStock manageStock;
    @Autowired
    ProcessReservations processReservations;
    @Autowired
    ConfirmReservation confirmReservation;
    @Autowired
    GetReservation getReservation;
    @Autowired
    GetStock getStock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void connectionsFailFastOnLongLockWaitsAndPlanEachStatementOnce() {
        assertThat(jdbc.sql("SHOW lock_timeout").query(String.class).single()).isEqualTo("5s");
        assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("1min");
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
    }

    @Test
    void schemaIsMigratedAndTheDatabaseRefusesAnOversell() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("GUARD"), 1));
        var refused = catchThrowable(() ->
                jdbc.sql("UPDATE inventory SET reserved = 2 WHERE sku = 'GUARD'").update());
        assertThat(refused).hasMessageContaining("inventory_never_oversold");
    }

    @Test
    void reservesAndConfirmsThroughTheWiredUseCases() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("TICKET"), 3));
        var request = new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of("TICKET", 2)), Duration.ofMinutes(5));

        processReservations.process(new ProcessReservationsCommand(List.of(request)));
        confirmReservation.confirm(new ConfirmReservation.ConfirmReservationCommand(request.id()));

        assertThat(getReservation.get(request.id()).orElseThrow().status()).isEqualTo(ReservationStatus.CONFIRMED);
        // the sale took two of the three on hand: one change of on-hand since the SKU was created
        assertThat(getStock.find(Sku.of("TICKET"))).contains(SkuStock.of(new StockLevel(Sku.of("TICKET"), 1, 0, 1)));
    }
}
