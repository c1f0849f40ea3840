package io.stocklock.application.service;

import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ServeWaitingLists;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Allocation;
import io.stocklock.domain.reservation.Decision;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.SaleLimits;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The decision engine: batches of the Kafka intake, groups of the HTTP door, and the offers to waiting buyers.
 */
public class ProcessReservationsService implements ProcessReservations, ServeWaitingLists {

    /** Most entries of one SKU's line looked at in one transaction. */
    private static final int MOST_OFFERS = 1_000;

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final OutcomePublisher publisher;
    private final OutcomeEvents events;
    private final Sales sales;
    private final StockLevelOutbox stockLevels;
    private final WaitingList waiting;
    private final ReservationPolicy policy;
    private final Clock clock;
    private final SoldOutService soldOut;

    public ProcessReservationsService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                      StockLedger ledger, OutcomePublisher publisher, OutcomeEvents events,
                                      Sales sales, StockLevelOutbox stockLevels, WaitingList waiting,
                                      ReservationPolicy policy, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.inventory = inventory;
        this.ledger = ledger;
        this.publisher = publisher;
        this.events = events;
        this.sales = sales;
        this.stockLevels = stockLevels;
        this.waiting = waiting;
        this.policy = policy;
        this.clock = clock;
        this.soldOut = new SoldOutService(inventory, policy.shortStock());
    }

    /** The SKUs this engine's decisions left with nothing to give, until units come back. */
    public SoldOutService soldOut() {
        return soldOut;
    }

    @Override
    public List<RequestOutcome> process(ProcessReservationsCommand command) {
        if (command.requests().isEmpty()) {
            return List.of();
        }
        List<RequestOutcome> outcomes = decideInOneTransaction(command.requests(), false);
        publisher.publish(decisionEvents(outcomes));
        return outcomes;
    }

    /**
     * Decides requests of buyers who wait for the answer, at the door of the instance that received them: the same
     * decision as {@link #process}, with the events of the decisions taken written to the outbox in the decision's
     * own transaction (no consumer publishes them; the outbox relay does). Nothing is published before this returns.
     *
     * @return one outcome per request, in the order given
     */
    public List<RequestOutcome> decideAtTheDoor(List<ReservationRequest> requests) {
        return requests.isEmpty() ? List.of() : decideInOneTransaction(requests, true);
    }

    /**
     * A request seen first is stored when it is decided; had another transaction stored it meanwhile (the same
     * request on two partitions, or submitted twice at once), that one decided it, and this batch is decided again
     * with that decision in sight. At the door, where nearly every request is new, the first attempt does not look
     * for stored requests first: one that was stored already (a retry) is found by the insert, and the batch decided
     * again, looking.
     *
     * @param atTheDoor the requests came to the door, and the events of their decisions go to the outbox
     */
    private List<RequestOutcome> decideInOneTransaction(List<ReservationRequest> batch, boolean atTheDoor) {
        int mostAttempts = atTheDoor ? 4 : 3;
        for (int attempt = 1; ; attempt++) {
            boolean looking = !atTheDoor || attempt > 1;
            try {
                List<SkuStock> stockAfter = new ArrayList<>();
                List<RequestOutcome> decided = transactions.inTransaction(() -> {
                    stockAfter.clear();
                    List<RequestOutcome> outcomes = decide(batch, clock.instant(), stockAfter, false, looking);
                    if (atTheDoor) {
                        events.append(decisionEvents(outcomes.stream()
                                .filter(RequestOutcome.Decided.class::isInstance).toList()));
                    }
                    return outcomes;
                });
                soldOut.learn(stockAfter);
                return decided;
            } catch (DecidedMeanwhile e) {
                if (attempt == mostAttempts) {
                    throw e;
                }
            }
        }
    }

    private static final class DecidedMeanwhile extends RuntimeException {
        DecidedMeanwhile() {
            super("requests of this batch were stored by other transactions while it was being decided", null, false,
                    false);
        }
    }

    /**
     * The event of every decision this batch took, and again of every decision an earlier batch took: a request
     * delivered again was delivered because its batch's events may not have been published.
     */
    private static List<OutcomeEvent> decisionEvents(List<RequestOutcome> outcomes) {
        Map<ReservationId, Reservation> decided = new LinkedHashMap<>();
        for (RequestOutcome outcome : outcomes) {
            if (outcome instanceof RequestOutcome.Decided each) {
                decided.put(each.reservation().id(), each.reservation());
            } else if (outcome instanceof RequestOutcome.AlreadyDecided each) {
                decided.putIfAbsent(each.reservation().id(), each.reservation());
            }
        }
        return decided.values().stream()
                .flatMap(reservation -> OutcomeEvent.decisionOf(reservation).stream())
                .toList();
    }

    /**
     * Rejects requests for SKUs known to be sold out ({@link SoldOutService}) without locking or reading their stock:
     * each is stored REJECTED in one transaction, with its outcome event in the outbox (the door's way). A request
     * stored already (a retry, or one queued before) keeps its decision; one still pending is rejected with the rest.
     *
     * @return one outcome per request, in the order given
     */
    public List<RequestOutcome> refuseSoldOut(List<ReservationRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Map<ReservationId, ReservationRequest> firstById = new LinkedHashMap<>();
            requests.forEach(request -> firstById.putIfAbsent(request.id(), request));
            Map<ReservationId, Reservation> refused = new LinkedHashMap<>();
            firstById.values().forEach(request -> refused.put(request.id(),
                    Reservation.pending(request, now).reject(RejectionCode.INSUFFICIENT_STOCK, soldOutReason(request), now)));
            Set<ReservationId> inserted = reservations.insertIfAbsent(refused.values());
            refused.keySet().retainAll(inserted);
            Map<ReservationId, Reservation> stored = reservations.lock(firstById.keySet().stream()
                    .filter(id -> !inserted.contains(id)).toList());
            List<Reservation> wasPending = new ArrayList<>();
            stored.forEach((id, row) -> {
                if (isUndecidedAndSame(row, firstById.get(id))) {
                    Reservation rejected = row.reject(RejectionCode.INSUFFICIENT_STOCK, soldOutReason(firstById.get(id)), now);
                    wasPending.add(rejected);
                    refused.put(id, rejected);
                }
            });
            reservations.update(wasPending);
            List<RequestOutcome> outcomes = outcomesOf(requests, refused, stored);
            events.append(decisionEvents(outcomes.stream().filter(RequestOutcome.Decided.class::isInstance)
                    .toList()));
            return outcomes;
        });
    }

    private String soldOutReason(ReservationRequest request) {
        return "insufficient stock of " + soldOut.soldOutIn(request).map(Sku::value).orElse("the request")
                + ": sold out";
    }

    /**
     * Offers each SKU with buyers waiting and something to give to the front of its line, in a transaction per SKU
     * that locks its stock, then its line: the entries served next ({@link WaitingEntry#servedNext}) are decided as
     * requests under their own ids, by the same decision as any (limits included), their events in the outbox, and
     * marked offered. The line is refused to newcomers until it is served ({@link #decide}).
     */
    @Override
    public int serve(int skus) {
        int offered = 0;
        for (Sku sku : waiting.servable(skus)) {
            List<SkuStock> stockAfter = new ArrayList<>();
            offered += transactions.inTransaction(() -> {
                stockAfter.clear();
                SkuStock stock = inventory.lock(List.of(sku)).get(sku);
                List<WaitingEntry> next = stock == null ? List.of()
                        : WaitingEntry.servedNext(stock, waiting.lockWaiting(sku, MOST_OFFERS), policy);
                if (next.isEmpty()) {
                    return 0;
                }
                Instant now = clock.instant();
                List<RequestOutcome> outcomes = decide(next.stream().map(WaitingEntry::offer).toList(), now,
                        stockAfter, true, true);
                events.append(decisionEvents(outcomes.stream().filter(RequestOutcome.Decided.class::isInstance)
                        .toList()));
                waiting.markOffered(next.stream().map(WaitingEntry::id).toList(), now);
                return next.size();
            });
            soldOut.learn(stockAfter);
        }
        return offered;
    }

    /**
     * @param offers  the requests are offers to waiting buyers, which the waiting lists do not hold back
     * @param looking the requests stored already are locked and read first; otherwise every request is taken for new,
     *                and the batch fails with {@link DecidedMeanwhile} if one was not
     */
    private List<RequestOutcome> decide(List<ReservationRequest> batch, Instant now, List<SkuStock> stockAfter,
                                        boolean offers, boolean looking) {
        // the first request with an id is the one that counts; later copies in the batch are duplicates
        Map<ReservationId, ReservationRequest> firstById = new LinkedHashMap<>();
        batch.forEach(request -> firstById.putIfAbsent(request.id(), request));

        // requests that came through the HTTP intake are stored (pending); the others are seen here first
        Map<ReservationId, Reservation> stored = looking ? reservations.lock(firstById.keySet()) : Map.of();
        List<ReservationRequest> undecided = firstById.values().stream()
                .filter(request -> isUndecidedAndSame(stored.get(request.id()), request))
                .toList();
        Map<ReservationId, Reservation> decided = allocate(undecided, stored, now, stockAfter, offers);
        return outcomesOf(batch, decided, stored);
    }

    /** One outcome per request of the batch, in its order: each id is reported decided once, its copies after. */
    private static List<RequestOutcome> outcomesOf(List<ReservationRequest> batch,
                                                   Map<ReservationId, Reservation> decided,
                                                   Map<ReservationId, Reservation> stored) {
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

    /** A request not stored yet, or stored as the same request and still pending. */
    private static boolean isUndecidedAndSame(Reservation stored, ReservationRequest request) {
        return stored == null || !stored.status().isDecided() && stored.matches(request);
    }

    private Map<ReservationId, Reservation> allocate(List<ReservationRequest> undecided,
                                                     Map<ReservationId, Reservation> stored, Instant now,
                                                     List<SkuStock> stockAfter, boolean offers) {
        if (undecided.isEmpty()) {
            return Map.of();
        }
        var skus = new TreeSet<Sku>();
        undecided.forEach(request -> request.lines().forEach(line -> skus.add(line.sku())));
        Map<Sku, SkuStock> locked = inventory.lock(skus);
        // read under the SKUs' locks: no other transaction changes these holdings until this one commits
        Map<Holding, Long> held = policy.limitsHoldings()
                ? reservations.unitsHeld(undecided.stream().map(ReservationRequest::owner).distinct().toList(), skus)
                : Map.of();
        // the buyers' counts in their sales are locked after the stock, in (sale, buyer) order
        Map<Sku, SaleLimit> saleOf = sales.ofSkus(locked.keySet());
        SaleLimits limits = saleOf.isEmpty() ? SaleLimits.NONE
                : new SaleLimits(saleOf, sales.lockCounts(SaleLimits.buyersOf(saleOf, undecided)));

        Set<Sku> waitedFor = offers ? Set.of() : waiting.waitedFor(locked.keySet());

        Allocation allocation = Allocation.decide(locked.values(), undecided, policy, held, limits, waitedFor);

        Map<ReservationId, Reservation> decided = new LinkedHashMap<>();
        List<Reservation> seenFirst = new ArrayList<>();
        List<Reservation> wasPending = new ArrayList<>();
        List<StockMovement> movements = new ArrayList<>();
        Map<Holding, Long> holdings = new HashMap<>();
        Map<SaleBuyer, Long> counts = new HashMap<>();
        for (Decision decision : allocation.decisions()) {
            ReservationRequest request = decision.request();
            Reservation storedPending = stored.get(request.id());
            Reservation pending = storedPending != null ? storedPending : Reservation.pending(request, now);
            Reservation reservation = decision instanceof Decision.Rejected rejected
                    ? pending.reject(rejected.code(), rejected.reason(), now)
                    : pending.reserve(now, ((Decision.Reserved) decision).picks());
            decided.put(reservation.id(), reservation);
            (storedPending != null ? wasPending : seenFirst).add(reservation);
            List<StockMovement> moved = StockMovement.of(reservation);
            movements.addAll(moved);
            Holdings.add(holdings, reservation, moved);
            SaleCounts.add(counts, saleOf, reservation, moved);
        }

        // stored once, decided; nothing is written before this, so a conflict rolls back nothing but locks
        if (reservations.insertIfAbsent(seenFirst).size() != seenFirst.size()) {
            throw new DecidedMeanwhile();
        }
        reservations.update(wasPending);
        List<StockLevel> changed = allocation.stock().values().stream()
                .flatMap(stock -> stock.locations().stream())
                .filter(level -> !locked.get(level.sku()).locations().contains(level))
                .toList();
        inventory.update(changed);
        stockLevels.append(StockCrossings.of(locked, allocation.stock().values(), policy.shortStock(), now));
        reservations.addToHoldings(holdings);
        sales.addToCounts(counts);
        ledger.append(movements, now);
        stockAfter.addAll(allocation.stock().values());
        return decided;
    }
}
