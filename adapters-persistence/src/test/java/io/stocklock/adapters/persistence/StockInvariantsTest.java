package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checks the database's own constraints no longer make, made by the invariants every run checks. */
class StockInvariantsTest {

    private final PostgresPorts postgres = new PostgresPorts(2);
    private final StockInvariants invariants = new StockInvariants(postgres.jdbc);

    @AfterEach
    void close() {
        postgres.dataSource.close();
    }

    @Test
    void linesAndPicksLeftWithoutTheirReservationAreFound() {
        var services = Services.wire(postgres.ports, new MutableClock(Instant.now()));
        services.manageStock().create(new CreateStockCommand(Sku.of("ORPHAN"), 10));
        var request = new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of("ORPHAN", 2)),
                Duration.ofHours(1));
        services.process().process(new ProcessReservationsCommand(List.of(request)));
        assertThat(invariants.allocationViolations()).isEmpty();

        // what no path of stocklock does: the reservation deleted without its lines and picks
        postgres.jdbc.sql("DELETE FROM reservation WHERE id = ?").param(request.id().value()).update();

        assertThat(invariants.allocationViolations()).containsExactlyInAnyOrder(
                request.id().value() + " ORPHAN: a line of no reservation",
                request.id().value() + " ORPHAN at default: a pick of no reservation");
    }
}
