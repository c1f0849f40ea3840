package io.stocklock.application.fake;


import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import io.stocklock.domain.stock.StockLevelEvent;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every implementation of the outgoing ports must do. Runs against the in-memory fakes and against
 * PostgreSQL, so the fakes the service tests rely on behave like the real thing.
 */
public abstract class StoresContract {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private Ports ports;

    /** Fresh, empty stores for each test. */
    protected abstract Ports emptyPorts();

    @BeforeEach
    void freshStores() {
        ports = emptyPorts();
    }

    @Test
    void insertIfAbsentNeverOverwrites() {
        Reservation pending = pending("A", 2);
        inTx(() -> ports.reservations().insertIfAbsent(List.of(pending)));
        Reservation reserved = pending.reserve(NOW);
        inTx(() -> ports.reservations().update(List.of(reserved)));

        inTx(() -> ports.reservations().insertIfAbsent(List.of(pending, pending("B", 1))));

        assertThat(ports.reservations().find(pending.id())).contains(reserved);
    }

    @Test
    void lockReturnsWhatWasStoredAndSkipsUnknownIds() {
        Reservation multiLine = Reservation.pending(new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of("B", 1), ReservationLine.of("A", 3)), Duration.ofSeconds(90)), NOW);
        ReservationId unknown = ReservationId.generate();
        inTx(() -> ports.reservations().insertIfAbsent(List.of(multiLine)));

        Map<ReservationId, Reservation> locked = ports.transactions().inTransaction(
                () -> ports.reservations().lock(List.of(unknown, multiLine.id())));

        assertThat(locked).containsExactly(Map.entry(multiLine.id(), multiLine));
    }

    @Test
    void updateWritesTheDecision() {
        Reservation pending = pending("A", 2);
        inTx(() -> ports.reservations().insertIfAbsent(List.of(pending)));
        Reservation rejected = pending.reject(RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of A: requested 2, available 0", NOW.plusMillis(5));

        inTx(() -> ports.reservations().update(List.of(rejected)));

        assertThat(ports.reservations().find(pending.id())).contains(rejected);
        assertThat(ports.reservations().find(ReservationId.generate())).isEmpty();
    }

    @Test
    void extendHoldsWritesOnlyTheNewEndOfAHold() {
        Reservation pending = pending("A", 2);
        inTx(() -> ports.reservations().insertIfAbsent(List.of(pending)));
        Reservation reserved = pending.reserve(NOW);
        inTx(() -> ports.reservations().update(List.of(reserved)));
        Reservation extended = reserved.extend(NOW.plusSeconds(60), Duration.ofHours(1), Duration.ofHours(2))
                .current();

        inTx(() -> ports.reservations().extendHolds(List.of(extended)));

        assertThat(ports.reservations().find(pending.id())).contains(extended);
        assertThat(extended.expiresAt()).contains(NOW.plusSeconds(60).plus(Duration.ofHours(1)));
    }

    @Test
    void lockLapsedFindsOnlyHoldsWhoseTimeIsUp() {
        Reservation lapsed = pending("A", 1).reserve(NOW.minus(Duration.ofMinutes(20)));
        Reservation alive = pending("A", 1).reserve(NOW);
        Reservation lapsedButConfirmed = pending("A", 1).reserve(NOW.minus(Duration.ofMinutes(20)));
        Reservation undecided = pending("A", 1);
        inTx(() -> {
            ports.reservations().insertIfAbsent(List.of(pending(lapsed), pending(alive), pending(lapsedButConfirmed),
                    undecided));
            ports.reservations().update(List.of(lapsed, alive, lapsedButConfirmed.confirm(NOW.minus(Duration.ofMinutes(15))).current()));
        });

        List<Reservation> found = ports.transactions().inTransaction(() -> ports.reservations().lockLapsed(NOW, 10));

        assertThat(found).containsExactly(lapsed);
        assertThat(ports.transactions().inTransaction(() -> ports.reservations().lockLapsed(NOW, 0))).isEmpty();
    }

    @Test
    void insertAllAddsWhatIsNotKeptThereYetInOneGo() {
        inTx(() -> ports.inventory().insert(StockLevel.create(Sku.of("A"), 7)));

        List<StockLevel> added = ports.transactions().inTransaction(() -> ports.inventory().insertAll(List.of(
                StockLevel.create(Sku.of("A"), 99), StockLevel.create(Sku.of("B"), 5),
                StockLevel.create(Sku.of("C"), 0))));

        assertThat(added).containsExactly(StockLevel.create(Sku.of("B"), 5), StockLevel.create(Sku.of("C"), 0));
        assertThat(ports.inventory().find(Sku.of("A")).orElseThrow().onHand()).isEqualTo(7);
        assertThat(ports.inventory().find(Sku.of("B")).orElseThrow().onHand()).isEqualTo(5);
        assertThat(ports.transactions().inTransaction(() -> ports.inventory().insertAll(List.of()))).isEmpty();
    }

    @Test
    void inventoryInsertsLocksUpdatesAndPages() {
        inTx(() -> {
            assertThat(ports.inventory().insert(StockLevel.create(Sku.of("B"), 5))).isTrue();
            assertThat(ports.inventory().insert(StockLevel.create(Sku.of("A"), 7))).isTrue();
            assertThat(ports.inventory().insert(StockLevel.create(Sku.of("C"), 1))).isTrue();
            assertThat(ports.inventory().insert(StockLevel.create(Sku.of("A"), 99))).isFalse();
        });

        Map<Sku, SkuStock> locked = ports.transactions().inTransaction(() -> {
            Map<Sku, SkuStock> levels = ports.inventory().lock(List.of(Sku.of("C"), Sku.of("X"), Sku.of("A")));
            ports.inventory().update(List.of(levels.get(Sku.of("A")).locations().get(0).reserve(3)));
            return levels;
        });

        assertThat(locked).containsOnlyKeys(Sku.of("A"), Sku.of("C"));
        assertThat(ports.inventory().find(Sku.of("A"))).contains(SkuStock.of(new StockLevel(Sku.of("A"), 7, 3)));
        assertThat(ports.inventory().find(Sku.of("X"))).isEmpty();
        assertThat(ports.inventory().list(Optional.empty(), 2)).extracting(SkuStock::sku)
                .containsExactly(Sku.of("A"), Sku.of("B"));
        assertThat(ports.inventory().list(Optional.of(Sku.of("B")), 2)).extracting(SkuStock::sku)
                .containsExactly(Sku.of("C"));
    }

    @Test
    void ledgerKeepsEntriesInOrderPerSku() {
        ReservationId id = ReservationId.generate();
        inTx(() -> ports.ledger().append(List.of(
                StockMovement.ofStock(StockMovement.Kind.CREATED, Sku.of("A"), LocationId.DEFAULT, 10, "created"),
                StockMovement.ofStock(StockMovement.Kind.CREATED, Sku.of("B"), LocationId.DEFAULT, 4, "created"),
                StockMovement.forReservation(StockMovement.Kind.RESERVED, Sku.of("A"), LocationId.DEFAULT, 0, 2, id)), NOW));
        inTx(() -> ports.ledger().append(List.of(
                StockMovement.forReservation(StockMovement.Kind.CONFIRMED, Sku.of("A"), LocationId.DEFAULT, -2, -2, id)), NOW.plusSeconds(1)));

        List<LedgerEntry> history = ports.ledger().history(Sku.of("A"), 0, 10);

        assertThat(history).extracting(LedgerEntry::movement).containsExactly(
                StockMovement.ofStock(StockMovement.Kind.CREATED, Sku.of("A"), LocationId.DEFAULT, 10, "created"),
                StockMovement.forReservation(StockMovement.Kind.RESERVED, Sku.of("A"), LocationId.DEFAULT, 0, 2, id),
                StockMovement.forReservation(StockMovement.Kind.CONFIRMED, Sku.of("A"), LocationId.DEFAULT, -2, -2, id));
        assertThat(history).extracting(LedgerEntry::at).containsExactly(NOW, NOW, NOW.plusSeconds(1));
        assertThat(history).extracting(LedgerEntry::sequence).isSorted();
        assertThat(ports.ledger().history(Sku.of("A"), history.get(0).sequence(), 1)).containsExactly(history.get(1));
    }

    @Test
    void outcomeEventsAreKept() {
        OutcomeEvent reserved = OutcomeEvent.of(pending("A", 1).reserve(NOW), NOW);
        OutcomeEvent rejected = OutcomeEvent.of(pending("Z", 1).reject(RejectionCode.UNKNOWN_SKU, "unknown SKU Z", NOW),
                NOW);

        inTx(() -> ports.events().append(List.of(reserved, rejected)));
        inTx(() -> ports.events().append(List.of(reserved)));

        assertThat(ports.appendedEvents().get()).as("an event appended again is kept once")
                .containsExactly(reserved, rejected);
    }

    @Test
    void insertIfAbsentReportsWhatItInsertedAndKeepsLinelessFailures() {
        Reservation existing = pending("A", 1);
        Reservation failed = Reservation.failedOnArrival(ReservationId.generate(), "mallory", "not JSON", NOW);
        inTx(() -> ports.reservations().insertIfAbsent(List.of(existing)));

        var inserted = ports.transactions().inTransaction(
                () -> ports.reservations().insertIfAbsent(List.of(existing, failed)));

        assertThat(inserted).containsExactly(failed.id());
        assertThat(ports.reservations().find(failed.id())).contains(failed);
    }

    @Test
    void outboxHandsOutEventsOldestFirstWithTheirReservationUntilTheyArePublished() {
        Reservation reserved = pending("A", 2).reserve(NOW);
        inTx(() -> {
            ports.reservations().insertIfAbsent(List.of(pending(reserved)));
            ports.reservations().update(List.of(reserved));
        });
        OutcomeEvent first = OutcomeEvent.of(reserved, NOW);
        OutcomeEvent second = OutcomeEvent.of(reserved.confirm(NOW.plusSeconds(1)).current(), NOW.plusSeconds(1));
        inTx(() -> ports.events().append(List.of(first, second)));

        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(1)))
                .containsExactly(first);
        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(10)))
                .containsExactly(first, second);
        assertThatThrownBy(() -> inTx(() -> {
            ports.outbox().markPublished(List.of(first.eventId(), second.eventId()));
            throw new IllegalStateException("the broker did not acknowledge");
        })).hasMessageContaining("acknowledge");
        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(10))).hasSize(2);

        inTx(() -> ports.outbox().markPublished(List.of(first.eventId())));

        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(10)))
                .containsExactly(second);
    }

    @Test
    void stalePendingRequestsAreClaimedOldestFirstAndOncePerAge() {
        Reservation old = Reservation.pending(pending("A", 1).request(), NOW.minus(Duration.ofMinutes(5)));
        Reservation older = Reservation.pending(pending("A", 1).request(), NOW.minus(Duration.ofMinutes(9)));
        Reservation fresh = pending("A", 1);
        Reservation decided = Reservation.pending(pending("A", 1).request(), NOW.minus(Duration.ofMinutes(5)));
        inTx(() -> {
            ports.reservations().insertIfAbsent(List.of(old, older, fresh, decided));
            ports.reservations().update(List.of(decided.reject(RejectionCode.UNKNOWN_SKU, "unknown SKU A", NOW)));
        });
        Instant before = NOW.minus(Duration.ofMinutes(1));

        List<Reservation> claimed = ports.transactions().inTransaction(
                () -> ports.reservations().claimStalePending(before, NOW, 10));

        assertThat(claimed).extracting(Reservation::id).containsExactly(older.id(), old.id());
        assertThat(ports.transactions().inTransaction(
                () -> ports.reservations().claimStalePending(before, NOW, 10))).isEmpty();
        assertThat(ports.transactions().inTransaction(() -> ports.reservations()
                .claimStalePending(NOW.plus(Duration.ofMinutes(1)), NOW.plus(Duration.ofMinutes(2)), 1)))
                .extracting(Reservation::id).containsExactly(older.id());
    }

    @Test
    void findAllReadsManyWithoutLocking() {
        Reservation one = pending("A", 1);
        Reservation two = pending("B", 2);
        inTx(() -> ports.reservations().insertIfAbsent(List.of(one, two)));

        assertThat(ports.reservations().findAll(List.of(one.id(), two.id(), ReservationId.generate())))
                .containsOnly(Map.entry(one.id(), one), Map.entry(two.id(), two));
    }

    @Test
    void unitsHeldAreWhatWasAddedToHoldings() {
        Holding aliceA = new Holding("alice", Sku.of("A"));
        Holding aliceB = new Holding("alice", Sku.of("B"));
        Holding bobA = new Holding("bob", Sku.of("A"));
        inTx(() -> ports.reservations().addToHoldings(Map.of(aliceA, 5L, aliceB, 1L, bobA, 11L)));
        inTx(() -> ports.reservations().addToHoldings(Map.of(aliceA, 2L, aliceB, -1L)));

        assertThat(ports.reservations().unitsHeld(List.of("alice", "carol"), List.of(Sku.of("A"), Sku.of("B"))))
                .containsOnly(Map.entry(aliceA, 7L));
        assertThat(ports.reservations().unitsHeld(List.of("bob"), List.of(Sku.of("B")))).isEmpty();
        assertThat(ports.reservations().unitsHeld(List.of("bob"), List.of(Sku.of("A")))).containsOnly(Map.entry(bobA, 11L));
    }

    @Test
    void deleteFinishedForgetsOldFinishedReservationsWithTheirEventsOnly() {
        Instant old = NOW.minus(Duration.ofDays(40));
        Reservation oldConfirmed = pending("A", 1).reserve(old);
        Reservation oldRejected = pending("A", 1).reject(RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of A: requested 1, available 0", old);
        Reservation oldButHeld = pending("A", 1).reserve(old);
        Reservation recentReleased = pending("A", 1).reserve(NOW);
        Reservation oldUnpublished = pending("A", 1).reserve(old);
        Reservation stillPending = pending("A", 1);
        var confirmed = oldConfirmed.confirm(old.plusSeconds(60)).current();
        var unpublishedRelease = oldUnpublished.release().current();
        OutcomeEvent published = OutcomeEvent.of(confirmed, old);
        inTx(() -> {
            ports.reservations().insertIfAbsent(List.of(pending(oldConfirmed), oldRejected, pending(oldButHeld),
                    pending(recentReleased), pending(oldUnpublished), stillPending));
            // reserved first, as every hold is, then ended
            ports.reservations().update(List.of(oldConfirmed, oldButHeld, recentReleased, oldUnpublished));
            ports.reservations().update(List.of(confirmed, recentReleased.release().current(), unpublishedRelease));
            ports.events().append(List.of(published, OutcomeEvent.of(unpublishedRelease, old)));
        });
        inTx(() -> ports.outbox().markPublished(List.of(published.eventId())));

        int deleted = ports.transactions().inTransaction(() -> ports.reservations().deleteFinished(NOW.minus(Duration.ofDays(30)), 10));

        assertThat(deleted).isEqualTo(2);
        assertThat(ports.reservations().find(oldConfirmed.id())).isEmpty();
        assertThat(ports.reservations().find(oldRejected.id())).isEmpty();
        assertThat(ports.reservations().findAll(List.of(oldButHeld.id(), recentReleased.id(), oldUnpublished.id(),
                stillPending.id()))).hasSize(4);
        assertThat(ports.transactions().inTransaction(() -> ports.reservations().deleteFinished(NOW.plusSeconds(1), 10)))
                .isOne();
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        Reservation pending = pending("A", 1);
        assertThatThrownBy(() -> inTx(() -> {
            ports.inventory().insert(StockLevel.create(Sku.of("A"), 1));
            ports.reservations().insertIfAbsent(List.of(pending));
            ports.events().append(List.of(OutcomeEvent.of(pending.fail("boom", NOW), NOW)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(ports.inventory().find(Sku.of("A"))).isEmpty();
        assertThat(ports.reservations().find(pending.id())).isEmpty();
        assertThat(ports.appendedEvents().get()).isEmpty();
    }

    @Test
    void aSaleKnowsItsSkusAndCountsWhatEachBuyerGot() {
        Sku a = Sku.of("A");
        Sku b = Sku.of("B");
        inTx(() -> ports.inventory().insertAll(List.of(StockLevel.create(a, 5), StockLevel.create(b, 5))));
        Sale drop = Sale.of(SaleId.of("drop"), 2, List.of(b, a));
        inTx(() -> ports.sales().put(drop));

        assertThat(ports.sales().find(drop.id())).contains(drop);
        assertThat(ports.sales().find(SaleId.of("other"))).isEmpty();
        assertThat(ports.transactions().inTransaction(() -> ports.sales().ofSkus(List.of(a, Sku.of("C")))))
                .containsExactly(Map.entry(a, drop.limit()));

        SaleBuyer alice = new SaleBuyer(drop.id(), "alice");
        SaleBuyer bob = new SaleBuyer(drop.id(), "bob");
        assertThat(ports.transactions().inTransaction(() -> ports.sales().lockCounts(new TreeSet<>(List.of(bob, alice)))))
                .containsOnly(Map.entry(alice, 0L), Map.entry(bob, 0L));
        inTx(() -> {
            ports.sales().lockCounts(new TreeSet<>(List.of(alice, bob)));
            ports.sales().addToCounts(Map.of(alice, 2L, bob, 1L));
        });
        inTx(() -> {
            ports.sales().lockCounts(new TreeSet<>(List.of(alice)));
            ports.sales().addToCounts(Map.of(alice, -1L));
        });
        assertThat(ports.sales().counted(alice)).isEqualTo(1);
        assertThat(ports.sales().counted(bob)).isEqualTo(1);
        assertThat(ports.sales().counted(new SaleBuyer(drop.id(), "carol"))).isZero();

        // replaced: a SKU it no longer names leaves it, and what buyers got stays
        Sale smaller = Sale.of(drop.id(), 5, List.of(a));
        inTx(() -> ports.sales().put(smaller));
        assertThat(ports.sales().find(drop.id())).contains(smaller);
        assertThat(ports.transactions().inTransaction(() -> ports.sales().ofSkus(List.of(b)))).isEmpty();
        assertThat(ports.sales().counted(alice)).isEqualTo(1);
    }

    @Test
    void stockLevelEventsAreKeptInTheOrderWrittenUntilTakenOut() {
        List<StockLevelEvent> events = List.of(
                new StockLevelEvent(UUID.randomUUID(), Sku.of("B"), StockLevelEvent.Kind.LOW_STOCK, 2, 9, NOW),
                new StockLevelEvent(UUID.randomUUID(), Sku.of("A"), StockLevelEvent.Kind.SOLD_OUT, 0, 4, NOW),
                new StockLevelEvent(UUID.randomUUID(), Sku.of("B"), StockLevelEvent.Kind.SOLD_OUT, 0, 9, NOW));
        inTx(() -> ports.stockLevels().append(events.subList(0, 2)));
        inTx(() -> ports.stockLevels().append(events.subList(2, 3)));

        assertThat(ports.transactions().inTransaction(() -> ports.stockLevels().lockOldest(2)))
                .containsExactlyElementsOf(events.subList(0, 2));
        inTx(() -> ports.stockLevels().remove(List.of(events.get(0).eventId(), events.get(1).eventId())));
        assertThat(ports.transactions().inTransaction(() -> ports.stockLevels().lockOldest(10)))
                .containsExactly(events.get(2));
    }

    @Test
    void aSkusLowStockThresholdIsKeptWithItsStock() {
        Sku a = Sku.of("A");
        inTx(() -> ports.inventory().insert(StockLevel.create(a, 7)));
        inTx(() -> ports.inventory().setLowStock(a, OptionalLong.of(3)));
        assertThat(ports.inventory().find(a).orElseThrow().lowStockAt()).hasValue(3);
        assertThat(ports.transactions().inTransaction(() -> ports.inventory().lock(List.of(a))).get(a).lowStockAt())
                .hasValue(3);
        inTx(() -> ports.inventory().setLowStock(a, OptionalLong.empty()));
        assertThat(ports.inventory().find(a).orElseThrow().lowStockAt()).isEmpty();
    }

    @Test
    void aWaitingListKeepsItsLineInTheOrderBuyersJoined() {
        Sku a = Sku.of("A");
        inTx(() -> ports.inventory().insertAll(List.of(StockLevel.create(a, 0), StockLevel.create(Sku.of("B"), 0))));
        WaitingEntry ann = waiting(a, "ann");
        WaitingEntry bob = waiting(a, "bob");
        WaitingEntry cat = waiting(a, "cat");
        List.of(bob, ann, cat).forEach(entry -> inTx(() -> ports.waiting().add(entry)));

        assertThat(ports.transactions().inTransaction(() -> ports.waiting().line(a, "ann")))
                .isEqualTo(new WaitingList.Line(3, Optional.of(ann.id())));
        assertThat(ports.transactions().inTransaction(() -> ports.waiting().line(a, "dan")).owners()).isEmpty();
        assertThat(ports.waiting().find(ann.id())).contains(ann);
        assertThat(ports.waiting().position(ann.id())).contains(2L);
        assertThat(ports.transactions().inTransaction(() -> ports.waiting().waitedFor(List.of(a, Sku.of("B")))))
                .containsExactly(a);
        assertThat(ports.waiting().servable(10)).as("nothing to give").isEmpty();
        assertThat(ports.transactions().inTransaction(() -> ports.waiting().lockWaiting(a, 2)))
                .containsExactly(bob, ann);

        inTx(() -> ports.waiting().markOffered(List.of(bob.id()), NOW));
        assertThat(ports.waiting().find(bob.id()).orElseThrow().status()).isEqualTo(WaitingEntry.Status.OFFERED);
        assertThat(ports.waiting().position(bob.id())).isEmpty();
        assertThat(ports.waiting().position(cat.id())).contains(2L);
        assertThat(ports.transactions().inTransaction(() -> ports.waiting().remove(bob.id()))).isFalse();
        assertThat(ports.transactions().inTransaction(() -> ports.waiting().remove(ann.id()))).isTrue();
        assertThat(ports.waiting().position(cat.id())).contains(1L);

        inTx(() -> ports.inventory().update(List.of(new StockLevel(a, 1, 0, 1))));
        assertThat(ports.waiting().servable(10)).containsExactly(a);
    }

    private static WaitingEntry waiting(Sku sku, String owner) {
        return new WaitingEntry(ReservationId.generate(), sku, owner, Quantity.of(1), Duration.ofMinutes(5), NOW,
                WaitingEntry.Status.WAITING);
    }

    private void inTx(Runnable work) {
        ports.transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private static Reservation pending(String sku, long quantity) {
        return Reservation.pending(new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of(sku, quantity)), Duration.ofMinutes(10)), NOW);
    }

    private static Reservation pending(Reservation decided) {
        return Reservation.pending(decided.request(), decided.createdAt());
    }
}
