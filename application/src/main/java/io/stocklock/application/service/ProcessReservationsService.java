package io.stocklock.application.service;

import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.waiting.DecisionWaiters;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Allocation;
import io.stocklock.domain.reservation.Decision;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public class ProcessReservationsService implements ProcessReservations {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final OutcomeEvents events;
    private final DecisionWaiters waiters;
    private final Clock clock;

    public ProcessReservationsService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                      StockLedger ledger, OutcomeEvents events, DecisionWaiters waiters, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.inventory = inventory;
        this.ledger = ledger;
        this.events = events;
        this.waiters = waiters;
        this.clock = clock;
    }

    @Override
    public List<RequestOutcome> process(ProcessReservationsCommand command) {
        if (command.requests().isEmpty()) {
            return List.of();
        }
        List<RequestOutcome> outcomes = transactions.inTransaction(() -> decide(command.requests(), clock.instant()));
        // committed: clients of this process that wait for one of these decisions get it now
        waiters.decided(outcomes.stream().filter(RequestOutcome.Decided.class::isInstance)
                .map(outcome -> ((RequestOutcome.Decided) outcome).reservation()).toList());
        return outcomes;
    }

    private List<RequestOutcome> decide(List<ReservationRequest> batch, Instant now) {
        // the first request with an id is the one that counts; later copies in the batch are duplicates
        Map<ReservationId, ReservationRequest> firstById = new LinkedHashMap<>();
        batch.forEach(request -> firstById.putIfAbsent(request.id(), request));

        reservations.insertIfAbsent(firstById.values().stream()
                .map(request -> Reservation.pending(request, now))
                .toList());
        Map<ReservationId, Reservation> stored = reservations.lock(firstById.keySet());

        List<ReservationRequest> undecided = firstById.values().stream()
                .filter(request -> isUndecidedAndSame(stored.get(request.id()), request))
                .toList();
        Map<ReservationId, Reservation> decided = allocate(undecided, stored, now);

        List<RequestOutcome> outcomes = new ArrayList<>(batch.size());
        Set<ReservationId> reported = new HashSet<>();
        for (ReservationRequest request : batch) {
            Reservation current = decided.getOrDefault(request.id(), stored.get(request.id()));
            if (!current.matches(request)) {
                outcomes.add(new RequestOutcome.Conflicting(request, current));
            } else if (decided.containsKey(request.id()) && reported.add(request.id())) {
                outcomes.add(new RequestOutcome.Decided(request, current));
            } else {
                outcomes.add(new RequestOutcome.AlreadyDecided(request, current));
            }
        }
        return outcomes;
    }

    private static boolean isUndecidedAndSame(Reservation stored, ReservationRequest request) {
        return !stored.status().isDecided() && stored.matches(request);
    }

    private Map<ReservationId, Reservation> allocate(List<ReservationRequest> undecided,
                                                     Map<ReservationId, Reservation> stored, Instant now) {
        if (undecided.isEmpty()) {
            return Map.of();
        }
        var skus = new TreeSet<Sku>();
        undecided.forEach(request -> request.lines().forEach(line -> skus.add(line.sku())));
        Map<Sku, StockLevel> locked = inventory.lock(skus);

        Allocation allocation = Allocation.decide(locked.values(), undecided);

        Map<ReservationId, Reservation> decided = new LinkedHashMap<>();
        List<StockMovement> movements = new ArrayList<>();
        List<OutcomeEvent> outcomeEvents = new ArrayList<>(undecided.size());
        for (Decision decision : allocation.decisions()) {
            Reservation pending = stored.get(decision.request().id());
            Reservation reservation;
            if (decision instanceof Decision.Rejected rejected) {
                reservation = pending.reject(rejected.reason(), now);
            } else {
                reservation = pending.reserve(now);
                for (ReservationLine line : reservation.lines()) {
                    movements.add(StockMovement.forReservation(StockMovement.Kind.RESERVED, line.sku(), 0,
                            line.quantity().value(), reservation.id()));
                }
            }
            decided.put(reservation.id(), reservation);
            outcomeEvents.add(OutcomeEvent.of(
                    decision instanceof Decision.Reserved ? OutcomeEvents.Type.RESERVED : OutcomeEvents.Type.REJECTED,
                    reservation.id(), now, reservation.reason()));
        }

        reservations.update(decided.values());
        List<StockLevel> changed = allocation.levels().values().stream()
                .filter(level -> !level.equals(locked.get(level.sku())))
                .toList();
        inventory.update(changed);
        ledger.append(movements, now);
        events.append(outcomeEvents);
        return decided;
    }
}
