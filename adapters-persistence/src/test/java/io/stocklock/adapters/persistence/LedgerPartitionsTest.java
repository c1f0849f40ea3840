package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations.ForgetFinishedReservationsCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.application.service.ForgetFinishedReservationsService;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** The stock ledger in partitions by time: what an operator may detach, and what stays guaranteed across them. */
class LedgerPartitionsTest {

    private final PostgresPorts postgres = new PostgresPorts(4);
    private final JdbcStockLedger ledger = new JdbcStockLedger(postgres.jdbc);

    @AfterEach
    void close() {
        postgres.dataSource.close();
    }

    @Test
    void aReservationsMovementsShareOnePartitionSoADoubleApplyIsRefusedAcrossPartitions() {
        var clock = new MutableClock(Instant.now());
        var services = Services.wire(postgres.ports, clock);
        // before any partition was added, movements go to the default one: writing never fails
        services.manageStock().create(new CreateStockCommand(Sku.of("P"), 10));
        assertThat(partitionsOf("sku = 'P'")).containsExactly("stock_movement_default");
        assertThat(ledger.addPartitions(Duration.ofMinutes(1), Duration.ofMinutes(10))).isBetween(10, 11);
        clock.advance(Duration.ofMinutes(1)); // into the partitions just added

        var request = request("P");
        services.process().process(new ProcessReservationsCommand(List.of(request)));
        clock.advance(Duration.ofMinutes(5)); // a later partition of one minute
        services.confirm().confirm(new ConfirmReservationCommand(request.id()));

        assertThat(partitionsOf("reservation_id = '" + request.id() + "'")).as("reserved and confirmed, 5 min apart")
                .hasSize(1).doesNotContain("stock_movement_default");
        var confirmed = postgres.ports.reservations().find(request.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> ledger.append(StockMovement.of(confirmed), clock.instant()))
                .as("the confirmation applied again, minutes later").isInstanceOf(DuplicateKeyException.class);
        assertThat(new StockInvariants(postgres.jdbc).stockViolations()).isEmpty();
        assertThat(new StockInvariants(postgres.jdbc).applyViolations()).isEmpty();
    }

    @Test
    void anOldPartitionIsDetachedOnceItsReservationsAreGoneWithItsSumsCarriedOver() {
        // two hours ago: before the migration, so in the partition of everything before it
        var clock = new MutableClock(Instant.now().minus(Duration.ofHours(2)));
        var services = Services.wire(postgres.ports, clock);
        services.manageStock().create(new CreateStockCommand(Sku.of("OLD"), 10));
        var sold = request("OLD");
        var released = request("OLD");
        services.process().process(new ProcessReservationsCommand(List.of(sold, released)));
        services.confirm().confirm(new ConfirmReservationCommand(sold.id()));
        assertThat(partitionsOf("sku = 'OLD'")).containsExactly("stock_movement_initial");

        assertThatThrownBy(() -> detach("stock_movement_initial")).hasMessageContaining("still kept");
        services.release().release(new ReleaseReservationCommand(released.id()));
        postgres.ports.outbox().markPublished(postgres.jdbc.sql("SELECT event_id FROM outbox").query(UUID.class).list());
        clock.advance(Duration.ofMinutes(10));
        assertThat(new ForgetFinishedReservationsService(postgres.ports.transactions(), postgres.ports.reservations(),
                clock).forget(new ForgetFinishedReservationsCommand(
                new ForgetFinishedReservations.Retention(Duration.ofMinutes(1)), 100))).isEqualTo(2);
        assertThat(detach("stock_movement_initial")).as("one movement per SKU and location").isEqualTo(1);

        assertThat(partitionsOf("sku = 'OLD'")).containsExactly("stock_movement_default");
        List<LedgerEntry> history = ledger.history(Sku.of("OLD"), 0, 10);
        assertThat(history).singleElement().satisfies(carried -> {
            assertThat(carried.movement().kind()).isEqualTo(StockMovement.Kind.CARRIED);
            assertThat(carried.movement().onHandDelta()).isEqualTo(9);
            assertThat(carried.movement().reservedDelta()).isZero();
            assertThat(carried.movement().note()).isEqualTo("carried over from stock_movement_initial");
        });
        assertThat(new StockInvariants(postgres.jdbc).stockViolations()).as("the ledger still adds up").isEmpty();
        assertThat(postgres.jdbc.sql("SELECT count(*) FROM stock_movement_initial").query(Long.class).single())
                .as("the detached table, the operator's to archive").isEqualTo(5);
        // and the ledger goes on
        clock.advance(Duration.between(clock.instant(), Instant.now()));
        services.process().process(new ProcessReservationsCommand(List.of(request("OLD"))));
        assertThat(new StockInvariants(postgres.jdbc).stockViolations()).isEmpty();
    }

    @Test
    void aPartitionStillBeingFilledIsNotDetached() {
        ledger.addPartitions(Duration.ofMinutes(1), Duration.ofMinutes(3));
        String latest = postgres.jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'stock_movement'::regclass AND c.relname ~ '^stock_movement_[0-9]'
                        ORDER BY c.relname DESC LIMIT 1""")
                .query(String.class).single();

        assertThatThrownBy(() -> detach(latest)).hasMessageContaining("still being filled");
        assertThatThrownBy(() -> detach("stock_movement_default")).hasMessageContaining("that can be detached");
    }

    private long detach(String partition) {
        return postgres.jdbc.sql("SELECT stock_movement_detach(?::regclass)").param(partition).query(Long.class)
                .single();
    }

    private List<String> partitionsOf(String where) {
        return postgres.jdbc.sql("SELECT DISTINCT tableoid::regclass::text FROM stock_movement WHERE " + where)
                .query(String.class).list();
    }

    private static ReservationRequest request(String sku) {
        return new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of(sku, 1)),
                Duration.ofHours(1));
    }
}
