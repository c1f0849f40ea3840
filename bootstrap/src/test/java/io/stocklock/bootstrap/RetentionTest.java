package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Finished reservations are deleted after their retention, in batches; what is still held is not, the ledger stays
 * whole, the invariants hold across it, and a request id whose reservation is gone is still never applied twice.
 */
@SpringBootTest(properties = {"stocklock.background.finished-kept=1s", "stocklock.background.retention-period=300ms",
        "stocklock.background.retention-batch-size=7", "stocklock.kafka.relay-interval=100ms"})
@ContextConfiguration(initializers = TestServers.class)
class RetentionTest {

    @Autowired
    ManageStock manageStock;
    @Autowired
    ProcessReservations processReservations;
    @Autowired
    ConfirmReservation confirmReservation;
    @Autowired
    ReleaseReservation releaseReservation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry registry;

    @Test
    void finishedReservationsGoAndEverythingElseStaysRight() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("RET"), 30));
        List<ReservationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(new ReservationRequest(ReservationId.generate(), "owner-" + (i % 10),
                    List.of(ReservationLine.of("RET", 1)), Duration.ofMinutes(10)));
        }
        processReservations.process(new ProcessReservationsCommand(requests)); // 30 reserved, 10 rejected
        List<ReservationRequest> confirmed = requests.subList(0, 10);
        List<ReservationRequest> released = requests.subList(10, 20);
        List<ReservationRequest> held = requests.subList(20, 30);
        confirmed.forEach(request -> confirmReservation.confirm(new ConfirmReservationCommand(request.id())));
        released.forEach(request -> releaseReservation.release(new ReleaseReservationCommand(request.id())));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("reservation r JOIN reservation_line l "
                + "ON l.reservation_id = r.id WHERE l.sku = 'RET'") == held.size());

        assertThat(count("reservation r JOIN reservation_line l ON l.reservation_id = r.id "
                + "WHERE l.sku = 'RET' AND r.status = 'RESERVED'")).isEqualTo(held.size());
        assertThat(count("stock_movement WHERE sku = 'RET'")).as("the ledger is kept whole")
                .isEqualTo(1 + 30 + 10 + 10);
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
        assertThat(invariants.holdingViolations()).isEmpty();
        assertThat(registry.get("stocklock.retention.deleted").counter().count()).isGreaterThanOrEqualTo(30);

        // a confirmed request delivered again after its reservation is gone: the ledger refuses a second apply
        try {
            processReservations.process(new ProcessReservationsCommand(List.of(confirmed.get(0))));
        } catch (RuntimeException refused) {
            // the Kafka listener dead-letters it; either way nothing moved
        }
        assertThat(jdbc.sql("SELECT on_hand - reserved FROM inventory WHERE sku = 'RET'").query(Long.class)
                .single()).isEqualTo(30 - 10 - 10);
        assertThat(invariants.stockViolations()).isEmpty();
    }

    private long count(String from) {
        return jdbc.sql("SELECT count(*) FROM " + from).query(Long.class).single();
    }
}
