package io.stocklock.application.fake;

import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import io.stocklock.domain.stock.StockLevelEvent;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * All outgoing ports in memory. A transaction is one global lock (so every "row lock" is held) and rolls back by
 * restoring a snapshot when the work throws.
 */
public final class InMemoryStores {

    private final RecordingBroker broker = new RecordingBroker();

    private final ReentrantLock transaction = new ReentrantLock();
    private State state = new State();
    private volatile Supplier<RuntimeException> readsFail;

    private static final class State {
        final TreeMap<ReservationId, Reservation> reservations = new TreeMap<>();
        final TreeMap<Sku, SkuStock> stock = new TreeMap<>();
        final TreeMap<LocationId, Location> locations = new TreeMap<>(
                Map.of(LocationId.DEFAULT, new Location(LocationId.DEFAULT, "Default", 0)));
        final List<LedgerEntry> ledger = new ArrayList<>();
        final List<OutcomeEvent> events = new ArrayList<>();
        final List<StockLevelEvent> stockLevels = new ArrayList<>();
        final Map<ReservationId, WaitingEntry> waiting = new LinkedHashMap<>();
        final Map<ReservationId, Instant> resubmittedAt = new HashMap<>();
        final Set<UUID> published = new HashSet<>();
        final Map<Holding, Long> holdings = new HashMap<>();
        final Map<SaleId, Sale> sales = new TreeMap<>();
        final Map<SaleBuyer, Long> saleCounts = new HashMap<>();

        State copy() {
            State copy = new State();
            copy.reservations.putAll(reservations);
            copy.stock.putAll(stock);
            copy.locations.putAll(locations);
            copy.ledger.addAll(ledger);
            copy.events.addAll(events);
            copy.stockLevels.addAll(stockLevels);
            copy.waiting.putAll(waiting);
            copy.resubmittedAt.putAll(resubmittedAt);
            copy.published.addAll(published);
            copy.holdings.putAll(holdings);
            copy.sales.putAll(sales);
            copy.saleCounts.putAll(saleCounts);
            return copy;
        }
    }

    private <T> T read(Supplier<T> query) {
        Supplier<RuntimeException> failure = readsFail;
        if (failure != null) {
            throw failure.get();
        }
        transaction.lock();
        try {
            return query.get();
        } finally {
            transaction.unlock();
        }
    }

    private void requireTransaction() {
        if (!transaction.isHeldByCurrentThread()) {
            throw new IllegalStateException("locks are only taken inside a transaction");
        }
    }

    public Transactions transactions() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transaction.lock();
                State before = state.copy();
                try {
                    return work.get();
                } catch (RuntimeException | Error e) {
                    state = before;
                    throw e;
                } finally {
                    transaction.unlock();
                }
            }
        };
    }

    public ReservationStore reservations() {
        return new ReservationStore() {
            @Override
            public Set<ReservationId> insertIfAbsent(Collection<Reservation> reservations) {
                requireTransaction();
                Set<ReservationId> inserted = new HashSet<>();
                reservations.forEach(reservation -> {
                    if (state.reservations.putIfAbsent(reservation.id(), reservation) == null) {
                        inserted.add(reservation.id());
                    }
                });
                return inserted;
            }

            @Override
            public Map<ReservationId, Reservation> lock(Collection<ReservationId> ids) {
                requireTransaction();
                Map<ReservationId, Reservation> locked = new TreeMap<>();
                ids.forEach(id -> Optional.ofNullable(state.reservations.get(id)).ifPresent(found -> locked.put(id, found)));
                return locked;
            }

            @Override
            public List<Reservation> lockLapsed(Instant now, int limit) {
                requireTransaction();
                return state.reservations.values().stream()
                        .filter(reservation -> reservation.status() == ReservationStatus.RESERVED && reservation.isLapsed(now))
                        .sorted(Comparator.comparing(reservation -> reservation.expiresAt().orElseThrow()))
                        .limit(limit)
                        .toList();
            }

            @Override
            public void update(Collection<Reservation> reservations) {
                requireTransaction();
                for (Reservation reservation : reservations) {
                    if (state.reservations.replace(reservation.id(), reservation) == null) {
                        throw new IllegalStateException("no reservation " + reservation.id());
                    }
                }
            }

            @Override
            public void extendHolds(Collection<Reservation> reservations) {
                requireTransaction();
                for (Reservation reservation : reservations) {
                    state.reservations.computeIfPresent(reservation.id(), (id, stored) ->
                            stored.status() != ReservationStatus.RESERVED ? stored : new Reservation(id,
                                    stored.owner(), stored.lines(), stored.holdFor(), stored.placement(),
                                    stored.status(), stored.createdAt(), stored.decidedAt(), reservation.expiresAt(),
                                    stored.reason(), stored.rejection(), stored.picks()));
                }
            }

            @Override
            public Optional<Reservation> find(ReservationId id) {
                return read(() -> Optional.ofNullable(state.reservations.get(id)));
            }

            @Override
            public List<Reservation> claimStalePending(Instant before, Instant now, int limit) {
                return read(() -> {
                    List<Reservation> stale = state.reservations.values().stream()
                            .filter(reservation -> reservation.status() == ReservationStatus.PENDING)
                            .filter(reservation -> reservation.createdAt().isBefore(before))
                            .filter(reservation -> state.resubmittedAt.getOrDefault(reservation.id(), Instant.MIN)
                                    .isBefore(before))
                            .sorted(Comparator.comparing(Reservation::createdAt))
                            .limit(limit)
                            .toList();
                    stale.forEach(reservation -> state.resubmittedAt.put(reservation.id(), now));
                    return stale;
                });
            }

            @Override
            public Map<ReservationId, Reservation> findAll(Collection<ReservationId> ids) {
                return read(() -> {
                    Map<ReservationId, Reservation> found = new TreeMap<>();
                    ids.forEach(id -> Optional.ofNullable(state.reservations.get(id))
                            .ifPresent(reservation -> found.put(id, reservation)));
                    return found;
                });
            }

            @Override
            public int deleteFinished(Instant before, int limit) {
                requireTransaction();
                Set<ReservationId> unpublished = state.events.stream()
                        .filter(event -> !state.published.contains(event.eventId()))
                        .map(OutcomeEvent::reservationId)
                        .collect(Collectors.toSet());
                List<ReservationId> finished = state.reservations.values().stream()
                        .filter(reservation -> reservation.status() != ReservationStatus.PENDING
                                && reservation.status() != ReservationStatus.RESERVED
                                && reservation.decidedAt().orElseThrow().isBefore(before)
                                && !unpublished.contains(reservation.id()))
                        .sorted(Comparator.comparing(reservation -> reservation.decidedAt().orElseThrow()))
                        .limit(limit)
                        .map(Reservation::id)
                        .toList();
                finished.forEach(state.reservations::remove);
                state.events.removeIf(event -> finished.contains(event.reservationId()));
                return finished.size();
            }

            @Override
            public Map<Holding, Long> unitsHeld(Collection<String> owners, Collection<Sku> skus) {
                return read(() -> {
                    Map<Holding, Long> held = new HashMap<>();
                    state.holdings.forEach((holding, units) -> {
                        if (units > 0 && owners.contains(holding.owner()) && skus.contains(holding.sku())) {
                            held.put(holding, units);
                        }
                    });
                    return held;
                });
            }

            @Override
            public void addToHoldings(Map<Holding, Long> units) {
                requireTransaction();
                units.forEach((holding, delta) -> state.holdings.merge(holding, delta, Long::sum));
            }
        };
    }

    public Inventory inventory() {
        return new Inventory() {
            @Override
            public Map<Sku, SkuStock> lock(Collection<Sku> skus) {
                requireTransaction();
                Map<Sku, SkuStock> locked = new TreeMap<>();
                skus.forEach(sku -> Optional.ofNullable(state.stock.get(sku)).ifPresent(found -> locked.put(sku, found)));
                return locked;
            }

            @Override
            public void update(Collection<StockLevel> levels) {
                requireTransaction();
                for (StockLevel level : levels) {
                    SkuStock stock = state.stock.get(level.sku());
                    if (stock == null || stock.at(level.location()).isEmpty()) {
                        throw new IllegalStateException("no stock " + level.sku() + " at " + level.location());
                    }
                    state.stock.put(level.sku(), stock.with(level));
                }
            }

            @Override
            public List<StockLevel> insertAll(Collection<StockLevel> levels) {
                return levels.stream().filter(this::insert).toList();
            }

            @Override
            public boolean insert(StockLevel level) {
                requireTransaction();
                Location location = state.locations.get(level.location());
                if (location == null) {
                    throw new IllegalArgumentException("no location " + level.location());
                }
                StockLevel placed = new StockLevel(level.sku(), level.location(), location.priority(), level.onHand(),
                        level.reserved(), level.backorderLimit(), level.version());
                SkuStock stock = state.stock.get(level.sku());
                if (stock == null) {
                    state.stock.put(level.sku(), SkuStock.of(placed));
                    return true;
                }
                if (stock.at(level.location()).isPresent()) {
                    return false;
                }
                state.stock.put(level.sku(), stock.with(placed));
                return true;
            }

            @Override
            public void setShortStock(Sku sku, Optional<ShortStock> policy) {
                requireTransaction();
                state.stock.computeIfPresent(sku, (key, stock) -> stock.with(policy));
            }

            @Override
            public void setLowStock(Sku sku, OptionalLong threshold) {
                requireTransaction();
                state.stock.computeIfPresent(sku, (key, stock) -> stock.withLowStockAt(threshold));
            }

            @Override
            public Optional<SkuStock> find(Sku sku) {
                return read(() -> Optional.ofNullable(state.stock.get(sku)));
            }

            @Override
            public Map<Sku, SkuStock> findAll(Collection<Sku> skus) {
                return read(() -> {
                    Map<Sku, SkuStock> found = new TreeMap<>();
                    skus.forEach(sku -> Optional.ofNullable(state.stock.get(sku))
                            .ifPresent(stock -> found.put(sku, stock)));
                    return found;
                });
            }

            @Override
            public List<SkuStock> list(Optional<Sku> after, int limit) {
                return read(() -> (after.isPresent() ? state.stock.tailMap(after.get(), false) : state.stock)
                        .values().stream().limit(limit).toList());
            }

            @Override
            public boolean save(Location location) {
                requireTransaction();
                boolean added = state.locations.put(location.id(), location) == null;
                // a level carries its location's priority as it was read
                state.stock.replaceAll((sku, stock) -> stock.at(location.id())
                        .map(level -> stock.with(new StockLevel(sku, level.location(), location.priority(),
                                level.onHand(), level.reserved(), level.backorderLimit(), level.version())))
                        .orElse(stock));
                return added;
            }

            @Override
            public List<Location> locations() {
                return read(() -> state.locations.values().stream()
                        .sorted(Comparator.comparingInt(Location::priority).thenComparing(Location::id))
                        .toList());
            }
        };
    }

    public Sales sales() {
        return new Sales() {
            @Override
            public Map<Sku, SaleLimit> ofSkus(Collection<Sku> skus) {
                requireTransaction();
                Map<Sku, SaleLimit> of = new HashMap<>();
                state.sales.values().forEach(sale -> sale.skus().stream().filter(skus::contains)
                        .forEach(sku -> of.put(sku, sale.limit())));
                return of;
            }

            @Override
            public Map<SaleBuyer, Long> lockCounts(SortedSet<SaleBuyer> buyers) {
                requireTransaction();
                Map<SaleBuyer, Long> counts = new HashMap<>();
                buyers.forEach(buyer -> counts.put(buyer, state.saleCounts.getOrDefault(buyer, 0L)));
                return counts;
            }

            @Override
            public void addToCounts(Map<SaleBuyer, Long> changes) {
                requireTransaction();
                changes.forEach((buyer, change) -> {
                    long after = state.saleCounts.getOrDefault(buyer, 0L) + change;
                    if (after < 0) {
                        throw new IllegalStateException(buyer + " would have got " + after + " units");
                    }
                    state.saleCounts.put(buyer, after);
                });
            }

            @Override
            public long counted(SaleBuyer buyer) {
                return read(() -> state.saleCounts.getOrDefault(buyer, 0L));
            }

            @Override
            public Optional<Sale> find(SaleId id) {
                return read(() -> Optional.ofNullable(state.sales.get(id)));
            }

            @Override
            public void put(Sale sale) {
                requireTransaction();
                state.sales.put(sale.id(), sale);
            }
        };
    }

    /** One transaction at a time holds every lock here: the relay that locks the page is always the only one. */
    public StockLevelOutbox stockLevels() {
        return new StockLevelOutbox() {
            @Override
            public void append(Collection<StockLevelEvent> events) {
                requireTransaction();
                state.stockLevels.addAll(events);
            }

            @Override
            public List<StockLevelEvent> lockOldest(int limit) {
                requireTransaction();
                return List.copyOf(state.stockLevels.subList(0, Math.min(limit, state.stockLevels.size())));
            }

            @Override
            public void remove(Collection<UUID> eventIds) {
                requireTransaction();
                state.stockLevels.removeIf(event -> eventIds.contains(event.eventId()));
            }
        };
    }

    /** Entries in the order they joined; one transaction at a time holds every lock here. */
    public WaitingList waiting() {
        return new WaitingList() {
            @Override
            public Line line(Sku sku, String owner) {
                requireTransaction();
                List<WaitingEntry> line = waitingFor(sku);
                return new Line(line.size(), line.stream().filter(entry -> entry.owner().equals(owner))
                        .map(WaitingEntry::id).findFirst());
            }

            @Override
            public void add(WaitingEntry entry) {
                requireTransaction();
                state.waiting.put(entry.id(), entry);
            }

            @Override
            public Optional<WaitingEntry> find(ReservationId id) {
                return read(() -> Optional.ofNullable(state.waiting.get(id)));
            }

            @Override
            public Optional<Long> position(ReservationId id) {
                return read(() -> Optional.ofNullable(state.waiting.get(id))
                        .filter(entry -> entry.status() == WaitingEntry.Status.WAITING)
                        .map(entry -> (long) waitingFor(entry.sku()).indexOf(entry) + 1));
            }

            @Override
            public boolean remove(ReservationId id) {
                requireTransaction();
                WaitingEntry entry = state.waiting.get(id);
                if (entry == null || entry.status() != WaitingEntry.Status.WAITING) {
                    return false;
                }
                state.waiting.remove(id);
                return true;
            }

            @Override
            public Set<Sku> waitedFor(Collection<Sku> skus) {
                requireTransaction();
                return skus.stream().filter(sku -> !waitingFor(sku).isEmpty()).collect(Collectors.toSet());
            }

            @Override
            public List<Sku> servable(int limit) {
                return read(() -> state.waiting.values().stream()
                        .filter(entry -> entry.status() == WaitingEntry.Status.WAITING)
                        .map(WaitingEntry::sku).distinct()
                        .filter(sku -> state.stock.containsKey(sku) && state.stock.get(sku).locations().stream()
                                .anyMatch(level -> level.reserved() < level.onHand() + level.backorderLimit()))
                        .limit(limit).toList());
            }

            @Override
            public List<WaitingEntry> lockWaiting(Sku sku, int limit) {
                requireTransaction();
                return waitingFor(sku).stream().limit(limit).toList();
            }

            @Override
            public void markOffered(Collection<ReservationId> ids, Instant at) {
                requireTransaction();
                ids.forEach(id -> state.waiting.computeIfPresent(id, (key, entry) -> new WaitingEntry(entry.id(),
                        entry.sku(), entry.owner(), entry.quantity(), entry.holdFor(), entry.joinedAt(),
                        WaitingEntry.Status.OFFERED)));
            }

            private List<WaitingEntry> waitingFor(Sku sku) {
                return state.waiting.values().stream()
                        .filter(entry -> entry.sku().equals(sku) && entry.status() == WaitingEntry.Status.WAITING)
                        .toList();
            }
        };
    }

    /** The stock-level events not relayed yet, oldest first. */
    public List<StockLevelEvent> stockLevelEvents() {
        return read(() -> List.copyOf(state.stockLevels));
    }

    public StockLedger ledger() {
        return new StockLedger() {
            @Override
            public void append(Collection<StockMovement> movements, Instant at) {
                requireTransaction();
                movements.forEach(movement -> state.ledger.add(new LedgerEntry(state.ledger.size() + 1, at, movement)));
            }

            @Override
            public List<LedgerEntry> history(Sku sku, long afterSequence, int limit) {
                return read(() -> state.ledger.stream()
                        .filter(entry -> entry.movement().sku().equals(sku) && entry.sequence() > afterSequence)
                        .limit(limit)
                        .toList());
            }
        };
    }

    public OutcomeEvents events() {
        return new OutcomeEvents() {
            @Override
            public void append(Collection<OutcomeEvent> events) {
                requireTransaction();
                events.stream()
                        .filter(event -> state.events.stream()
                                .noneMatch(kept -> kept.eventId().equals(event.eventId())))
                        .forEach(state.events::add);
            }
        };
    }

    public Outbox outbox() {
        return new Outbox() {
            @Override
            public List<OutcomeEvent> lockUnpublished(int limit) {
                requireTransaction();
                return state.events.stream()
                        .filter(event -> !state.published.contains(event.eventId()))
                        .limit(limit)
                        .toList();
            }

            @Override
            public void markPublished(Collection<UUID> eventIds) {
                requireTransaction();
                state.published.addAll(eventIds);
            }
        };
    }

    /** From now on every read throws what {@code failure} gives (a database that stopped answering); null: none. */
    public void failReads(Supplier<RuntimeException> failure) {
        readsFail = failure;
    }

    /** Whether the broker refuses what is published. */
    public void brokerDown(boolean down) {
        broker.down(down);
    }

    /** What the broker was given, in order, duplicates included. */
    public List<OutcomeEvent> publishedEvents() {
        return broker.published();
    }

    public List<OutcomeEvent> appendedEvents() {
        return read(() -> List.copyOf(state.events));
    }

    public Ports ports() {
        return new Ports(transactions(), reservations(), inventory(), ledger(), events(), outbox(), broker, sales(),
                stockLevels(), waiting(), this::appendedEvents, this::publishedEvents);
    }
}
