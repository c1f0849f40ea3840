package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where reservations live. Locking methods must run inside {@link Transactions#inTransaction}. */
public interface ReservationStore {

    /**
     * Stores each reservation whose id is not stored yet; leaves existing ones untouched.
     *
     * @return the ids this call stored
     */
    Set<ReservationId> insertIfAbsent(Collection<Reservation> reservations);

    /** Locks the stored reservations with these ids, in ascending id order. Unknown ids are absent from the map. */
    Map<ReservationId, Reservation> lock(Collection<ReservationId> ids);

    /**
     * Locks up to {@code limit} reservations that are RESERVED and whose hold ended at or before {@code now},
     * skipping rows another transaction holds, so several instances share the work.
     */
    List<Reservation> lockLapsed(Instant now, int limit);

    /**
     * Claims up to {@code limit} requests still PENDING that were created, and last claimed, before {@code before},
     * oldest first, skipping rows another transaction holds; marks them claimed at {@code now}.
     */
    List<Reservation> claimStalePending(Instant before, Instant now, int limit);

    /** Writes the status, decision time, expiry and reason of already stored reservations. */
    void update(Collection<Reservation> reservations);

    /**
     * Writes the new end of each RESERVED reservation's hold, and nothing else of it, in the caller's transaction,
     * which holds their locks.
     */
    void extendHolds(Collection<Reservation> reservations);

    Optional<Reservation> find(ReservationId id);

    /** The stored reservations with these ids, without locking; unknown ids are absent. */
    Map<ReservationId, Reservation> findAll(Collection<ReservationId> ids);

    /**
     * How many units of these SKUs these owners hold now (RESERVED), for the pairs that hold any. Exact when the
     * caller holds the SKUs' locks: a holding changes only under its SKU's lock.
     */
    Map<Holding, Long> unitsHeld(Collection<String> owners, Collection<Sku> skus);

    /**
     * Adds to what owners hold (negative: a hold ended), in the transaction that changes their reservations; the
     * caller holds the SKUs' locks.
     */
    void addToHoldings(Map<Holding, Long> units);

    /**
     * Deletes up to {@code limit} reservations that are finished (neither PENDING nor RESERVED) and were decided
     * before {@code before}, with their lines and their outcome events, skipping those with an event not yet
     * published and rows another transaction holds.
     *
     * @return how many were deleted
     */
    int deleteFinished(Instant before, int limit);
}
