package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Ports;
import io.stocklock.application.fake.Services;
import io.stocklock.application.fake.StoresContract;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import io.stocklock.domain.stock.StockLevelEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract against PostgreSQL: a fresh database per test. */
class PostgresStoresTest extends StoresContract {

    private PostgresPorts postgres;

    @Override
    protected Ports emptyPorts() {
        postgres = new PostgresPorts(3);
        return postgres.ports;
    }

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }

    /** Two relays at once: the second skips what the first holds, and publishes the rest. */
    @Test
    void eventsOneRelayHoldsAreSkippedByAnother() throws Exception {
        List<OutcomeEvent> events = IntStream.range(0, 5)
                .mapToObj(i -> new OutcomeEvent(UUID.randomUUID(), ReservationStatus.RELEASED, ReservationId.generate(),
                        "alice", List.of(ReservationLine.of("A", 1)), List.of(), Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty(), Optional.empty(), Optional.empty()))
                .toList();
        postgres.ports.transactions().inTransaction(() -> {
            postgres.ports.events().append(events);
            return null;
        });
        var firstHolds = new CountDownLatch(1);
        var secondDone = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> postgres.ports.transactions().inTransaction(() -> {
            List<OutcomeEvent> locked = postgres.ports.outbox().lockUnpublished(2);
            firstHolds.countDown();
            await(secondDone);
            postgres.ports.outbox().markPublished(locked.stream().map(OutcomeEvent::eventId).toList());
            return locked;
        }));
        assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();

        List<OutcomeEvent> second = postgres.ports.transactions().inTransaction(() -> {
            List<OutcomeEvent> locked = postgres.ports.outbox().lockUnpublished(10);
            postgres.ports.outbox().markPublished(locked.stream().map(OutcomeEvent::eventId).toList());
            return locked;
        });
        secondDone.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(second).containsExactlyElementsOf(events.subList(2, 5));
        assertThat(postgres.ports.transactions().inTransaction(() -> postgres.ports.outbox().lockUnpublished(10))).isEmpty();
    }

    /**
     * Stock-level events are relayed by one transaction at a time, whichever instance it runs in: a second relay
     * finds nothing while the first holds the page, so no SKU's later event can overtake an earlier one.
     */
    @Test
    void oneRelayOfStockLevelEventsAtATime() throws Exception {
        List<StockLevelEvent> events = IntStream.range(0, 3)
                .mapToObj(i -> new StockLevelEvent(UUID.randomUUID(), Sku.of("A"), StockLevelEvent.Kind.SOLD_OUT, 0,
                        i, Instant.parse("2026-01-01T00:00:00Z")))
                .toList();
        postgres.ports.transactions().inTransaction(() -> {
            postgres.ports.stockLevels().append(events);
            return null;
        });
        var firstHolds = new CountDownLatch(1);
        var secondDone = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> postgres.ports.transactions().inTransaction(() -> {
            List<StockLevelEvent> locked = postgres.ports.stockLevels().lockOldest(2);
            firstHolds.countDown();
            await(secondDone);
            postgres.ports.stockLevels().remove(locked.stream().map(StockLevelEvent::eventId).toList());
            return locked;
        }));
        assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();

        List<StockLevelEvent> second = postgres.ports.transactions().inTransaction(
                () -> postgres.ports.stockLevels().lockOldest(10));
        secondDone.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(second).isEmpty();
        assertThat(postgres.ports.transactions().inTransaction(() -> postgres.ports.stockLevels().lockOldest(10)))
                .containsExactlyElementsOf(events.subList(2, 3));
    }

    /** A change of stock that rolls back tells nothing. */
    @Test
    void aStockChangeThatRollsBackLeavesNoStockLevelEvent() {
        postgres.ports.transactions().inTransaction(() -> postgres.ports.inventory().insert(
                StockLevel.create(Sku.of("A"), 1)));
        var services = Services.wire(postgres.ports, new MutableClock(Instant.now()));
        var lastUnit = new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of("A", 1)),
                Duration.ofMinutes(5));
        // the decision that sells the SKU out fails after it wrote the event
        postgres.jdbc.sql("CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'rolled back'; END $$").update();
        postgres.jdbc.sql("CREATE TRIGGER fail AFTER INSERT ON stock_level_event FOR EACH ROW EXECUTE FUNCTION fail()")
                .update();

        assertThatThrownBy(() -> services.process().process(new ProcessReservationsCommand(List.of(lastUnit))))
                .hasMessageContaining("rolled back");

        assertThat(postgres.jdbc.sql("SELECT count(*) FROM stock_level_event").query(Long.class).single()).isZero();
        assertThat(postgres.ports.inventory().find(Sku.of("A")).orElseThrow().reserved()).isZero();
    }

    /**
     * A release or confirm that waits for the decision of its reservation must see the decision whole: a statement
     * that waited for the row lock sees the row as committed since, but other tables as they were when it started.
     */
    @Test
    void aLockTakenWhileTheDecisionCommitsSeesTheDecisionsPicks() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Reservation pending = Reservation.pending(new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of("A", 2)), Duration.ofMinutes(5)), now);
        Reservation reserved = pending.reserve(now);
        postgres.ports.transactions().inTransaction(() -> postgres.ports.reservations().insertIfAbsent(List.of(pending)));
        var decisionHolds = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var decision = CompletableFuture.runAsync(() -> postgres.ports.transactions().inTransaction(() -> {
            postgres.ports.reservations().lock(List.of(pending.id()));
            postgres.ports.reservations().update(List.of(reserved));
            decisionHolds.countDown();
            await(commit);
            return null;
        }));
        assertThat(decisionHolds.await(10, TimeUnit.SECONDS)).isTrue();

        var release = CompletableFuture.supplyAsync(() -> postgres.ports.transactions().inTransaction(
                () -> postgres.ports.reservations().lock(List.of(pending.id())).get(pending.id())));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> postgres.jdbc.sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").query(Long.class).single() > 0);
        commit.countDown();

        decision.get(10, TimeUnit.SECONDS);
        Reservation seen = release.get(10, TimeUnit.SECONDS);
        assertThat(seen.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(seen.picks()).isEqualTo(reserved.picks()).isNotEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
