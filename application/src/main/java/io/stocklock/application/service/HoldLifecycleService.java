package io.stocklock.application.service;

import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.ExpireReservations;
import io.stocklock.application.port.in.ExtendHold;
import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.reservation.Transition;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The three ways a hold ends: confirmed (sold), released, expired; and a hold made longer. Each locks the reservation
 * rows first; an ending then locks the stock of every SKU involved in one sorted statement, moves the counters, and
 * writes the reservations, the ledger and the events in the same transaction. An extension moves no stock: it writes
 * the new end of the hold under the reservation's lock, which the expiry sweep takes too, so a hold is either
 * extended before it lapses or expired once, never both.
 */
public class HoldLifecycleService implements ConfirmReservation, ReleaseReservation, ExpireReservations, ExtendHold {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final OutcomeEvents events;
    private final Sales sales;
    private final StockLevelOutbox stockLevels;
    private final ReservationPolicy policy;
    private final Clock clock;

    /** @param policy how long a whole hold may last ({@link ReservationPolicy#maxTotalHold()}) */
    public HoldLifecycleService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                StockLedger ledger, OutcomeEvents events, Sales sales, StockLevelOutbox stockLevels,
                                ReservationPolicy policy, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.inventory = inventory;
        this.ledger = ledger;
        this.events = events;
        this.sales = sales;
        this.stockLevels = stockLevels;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Optional<Transition> confirm(ConfirmReservationCommand command) {
        return changeOne(command.id(), command.owner(), (reservation, now) -> expiredIfLapsed(reservation,
                reservation.confirm(now), now), this::settleOne);
    }

    @Override
    public Optional<Transition> extend(ExtendHoldCommand command) {
        // a longer hold moves no stock: only its end is written
        return changeOne(command.id(), command.owner(), (reservation, now) -> expiredIfLapsed(reservation,
                reservation.extend(now, command.lasting(), policy.maxTotalHold()), now),
                (extended, now) -> reservations.extendHolds(List.of(extended)));
    }

    /**
     * A live-looking hold refused as expired: the sweeper has not got to it yet, so it is expired now, and the answer
     * and the state agree.
     */
    private Transition expiredIfLapsed(Reservation reservation, Transition transition, Instant now) {
        if (transition instanceof Transition.Refused refused && refused.code() == Transition.RefusalCode.HOLD_EXPIRED
                && reservation.status() == ReservationStatus.RESERVED) {
            Reservation expired = reservation.expire(now).current();
            settle(List.of(expired), now);
            return new Transition.Refused(expired, refused.code(), refused.reason());
        }
        return transition;
    }

    @Override
    public Optional<Transition> release(ReleaseReservationCommand command) {
        return changeOne(command.id(), command.owner(), (reservation, now) -> reservation.release(),
                this::settleOne);
    }

    @Override
    public int expire(ExpireReservationsCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            List<Reservation> expired = reservations.lockLapsed(now, command.limit()).stream()
                    .map(reservation -> reservation.expire(now))
                    .filter(Transition.Changed.class::isInstance)
                    .map(Transition::current)
                    .toList();
            settle(expired, now);
            return expired.size();
        });
    }

    private interface Change {
        Transition apply(Reservation reservation, Instant now);
    }

    /** What a changed reservation writes: the end of its hold, or everything that moves when it ends. */
    private interface Write {
        void changed(Reservation current, Instant now);
    }

    /** Locks the reservation, and then, if it is the owner's, asks it for the change and writes what changed. */
    private Optional<Transition> changeOne(ReservationId id, Optional<String> owner, Change change, Write write) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            return Optional.ofNullable(reservations.lock(List.of(id)).get(id))
                    .filter(reservation -> owner.map(reservation.owner()::equals).orElse(true))
                    .map(reservation -> {
                        Transition transition = change.apply(reservation, now);
                        if (transition instanceof Transition.Changed changed) {
                            write.changed(changed.current(), now);
                        }
                        return transition;
                    });
        });
    }

    private void settleOne(Reservation ended, Instant now) {
        settle(List.of(ended), now);
    }

    /** @param ended reservations that just left RESERVED, all locked by the caller */
    private void settle(Collection<Reservation> ended, Instant now) {
        if (ended.isEmpty()) {
            return;
        }
        var skus = new TreeSet<Sku>();
        ended.forEach(reservation -> reservation.lines().forEach(line -> skus.add(line.sku())));
        Map<Sku, SkuStock> locked = inventory.lock(skus);
        Map<Sku, SkuStock> stock = new TreeMap<>(locked);
        // a confirmation keeps its units counted in their sale: only holds that give units back read the sales
        boolean givesBack = ended.stream().anyMatch(reservation -> reservation.status() != ReservationStatus.CONFIRMED);
        Map<Sku, SaleLimit> saleOf = givesBack ? sales.ofSkus(locked.keySet()) : Map.of();

        List<StockMovement> movements = new ArrayList<>();
        Map<Holding, Long> holdings = new HashMap<>();
        Map<SaleBuyer, Long> counts = new HashMap<>();
        List<OutcomeEvent> outcomeEvents = new ArrayList<>(ended.size());
        for (Reservation reservation : ended) {
            List<StockMovement> moved = StockMovement.of(reservation);
            Holdings.add(holdings, reservation, moved);
            SaleCounts.add(counts, saleOf, reservation, moved);
            for (StockMovement movement : moved) {
                StockLevel level = Optional.ofNullable(stock.get(movement.sku()))
                        .flatMap(levels -> levels.at(movement.location()))
                        .orElseThrow(() -> new IllegalStateException("reservation " + reservation.id() + " holds "
                                + movement.sku() + " at " + movement.location() + " which is not in the inventory"));
                stock.put(movement.sku(), stock.get(movement.sku())
                        .with(level.move(movement.onHandDelta(), movement.reservedDelta())));
                movements.add(movement);
            }
            outcomeEvents.add(OutcomeEvent.of(reservation, now));
        }
        reservations.update(ended);
        reservations.addToHoldings(holdings);
        if (!counts.isEmpty()) {
            sales.lockCounts(new TreeSet<>(counts.keySet()));
            sales.addToCounts(counts);
        }
        inventory.update(stock.values().stream().flatMap(levels -> levels.locations().stream())
                .filter(level -> !locked.get(level.sku()).locations().contains(level))
                .toList());
        stockLevels.append(StockCrossings.of(locked, stock.values(), policy.shortStock(), now));
        ledger.append(movements, now);
        events.append(outcomeEvents);
    }
}
