package io.stocklock.domain.waiting;

import io.stocklock.domain.reservation.Allocation;
import io.stocklock.domain.reservation.Decision;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A buyer waiting for a sold-out SKU to come back. Entries of a SKU are served first come, first served: when the
 * units the first one asks for are available, it is offered them as an ordinary hold, the reservation whose id is the
 * entry's, RESERVED until {@code holdFor} after the offer; the next one waits until then.
 *
 * @param holdFor how long the offer is held for the buyer to confirm it
 */
public record WaitingEntry(ReservationId id, Sku sku, String owner, Quantity quantity, Duration holdFor,
                           Instant joinedAt, Status status) {

    public enum Status {
        /** In line. */
        WAITING,
        /** Offered: the reservation with the entry's id holds the units (or held them). */
        OFFERED
    }

    public WaitingEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(holdFor, "holdFor");
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(status, "status");
        // the offer is a request like any other, held to the contract's limits
        new ReservationRequest(id, owner, List.of(new ReservationLine(sku, quantity)), holdFor);
    }

    /**
     * The entries served next, from the front of a SKU's line: each gets what it asks for from what the ones before it
     * left, and the first that cannot be served in full stops the line (no one behind it goes first). An entry refused
     * for another reason than stock (a limit of its buyer) does not stop it.
     *
     * @param line   the SKU's entries still waiting, first come first
     * @param policy the deployment's, for the short-stock policy of a SKU without one
     */
    public static List<WaitingEntry> servedNext(SkuStock stock, List<WaitingEntry> line, ReservationPolicy policy) {
        List<Decision> decisions = Allocation.decide(List.of(stock), line.stream().map(WaitingEntry::offer).toList(),
                policy, Map.of()).decisions();
        int served = 0;
        while (served < decisions.size() && !(decisions.get(served) instanceof Decision.Rejected rejected
                && rejected.code() == RejectionCode.INSUFFICIENT_STOCK)) {
            served++;
        }
        return line.subList(0, served);
    }

    /** The request the offer decides: the entry's quantity of its SKU, under the entry's id. */
    public ReservationRequest offer() {
        return new ReservationRequest(id, owner, List.of(new ReservationLine(sku, quantity)), holdFor);
    }
}
