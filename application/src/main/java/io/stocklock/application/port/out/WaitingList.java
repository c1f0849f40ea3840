package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SKUs' waiting lists. Methods that change or lock entries must run inside {@link Transactions#inTransaction},
 * after the stock of their SKU is locked: the one lock order is stock, then entries.
 */
public interface WaitingList {

    /** How many entries of the SKU are waiting, and whether the owner's is one of them; the caller holds its lock. */
    Line line(Sku sku, String owner);

    record Line(long waiting, Optional<ReservationId> owners) {
    }

    void add(WaitingEntry entry);

    Optional<WaitingEntry> find(ReservationId id);

    /** 1 for the first in line of its SKU; empty when the entry is not waiting. */
    Optional<Long> position(ReservationId id);

    /** Takes a waiting entry out of its line; {@code false} if there is no such entry waiting. */
    boolean remove(ReservationId id);

    /** Which of these SKUs buyers wait for; read under the SKUs' locks, which joining takes too. */
    Set<Sku> waitedFor(Collection<Sku> skus);

    /** SKUs with entries waiting and something to give, without locks: the ones worth serving now. */
    List<Sku> servable(int limit);

    /** The SKU's waiting entries, first come first, locked; the caller holds the SKU's lock. */
    List<WaitingEntry> lockWaiting(Sku sku, int limit);

    void markOffered(Collection<ReservationId> ids, Instant at);
}
