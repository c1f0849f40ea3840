package io.stocklock.application.service;

import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ends holds (confirmed, released or expired) inside the caller's transaction: locks the stock of every SKU
 * involved in one sorted statement, moves the counters, writes the reservations, the ledger and the events.
 */
final class HoldSettlement {

    private final ReservationStore reservations;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final OutcomeEvents events;

    HoldSettlement(ReservationStore reservations, Inventory inventory, StockLedger ledger, OutcomeEvents events) {
        this.reservations = reservations;
        this.inventory = inventory;
        this.ledger = ledger;
        this.events = events;
    }

    /** @param ended reservations that just left RESERVED, all locked by the caller */
    void settle(Collection<Reservation> ended, Instant now) {
        if (ended.isEmpty()) {
            return;
        }
        var skus = new TreeSet<Sku>();
        ended.forEach(reservation -> reservation.lines().forEach(line -> skus.add(line.sku())));
        Map<Sku, StockLevel> levels = new TreeMap<>(inventory.lock(skus));

        List<StockMovement> movements = new ArrayList<>();
        List<OutcomeEvent> outcomeEvents = new ArrayList<>(ended.size());
        for (Reservation reservation : ended) {
            for (ReservationLine line : reservation.lines()) {
                long quantity = line.quantity().value();
                StockLevel level = levels.get(line.sku());
                if (level == null) {
                    throw new IllegalStateException("reservation " + reservation.id() + " holds " + line.sku()
                            + " which is not in the inventory");
                }
                boolean sold = reservation.status() == ReservationStatus.CONFIRMED;
                levels.put(line.sku(), sold ? level.confirm(quantity) : level.release(quantity));
                movements.add(StockMovement.forReservation(kindOf(reservation.status()), line.sku(),
                        sold ? -quantity : 0, -quantity, reservation.id()));
            }
            outcomeEvents.add(OutcomeEvent.of(typeOf(reservation.status()), reservation.id(), now, Optional.empty()));
        }
        reservations.update(ended);
        inventory.update(levels.values());
        ledger.append(movements, now);
        events.append(outcomeEvents);
    }

    private static StockMovement.Kind kindOf(ReservationStatus status) {
        return switch (status) {
            case CONFIRMED -> StockMovement.Kind.CONFIRMED;
            case RELEASED -> StockMovement.Kind.RELEASED;
            case EXPIRED -> StockMovement.Kind.EXPIRED;
            default -> throw new IllegalArgumentException("a hold cannot end as " + status);
        };
    }

    private static OutcomeEvents.Type typeOf(ReservationStatus status) {
        return switch (status) {
            case CONFIRMED -> OutcomeEvents.Type.CONFIRMED;
            case RELEASED -> OutcomeEvents.Type.RELEASED;
            case EXPIRED -> OutcomeEvents.Type.EXPIRED;
            default -> throw new IllegalArgumentException("a hold cannot end as " + status);
        };
    }
}
