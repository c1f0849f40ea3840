package io.stocklock.application.waiting;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Clients waiting for a decision. A decision taken in this process completes its waiter as soon as the transaction
 * that took it has committed, on the thread that committed it; a decision taken by another instance completes it when
 * its outcome event arrives. Nothing polls, and completing a waiter does no database work.
 */
public final class DecisionWaiters {

    private record Waiter(Reservation pending, CompletableFuture<Reservation> decision) {
    }

    private final Map<ReservationId, Waiter> waiting = new ConcurrentHashMap<>();

    /**
     * Completes with the reservation once it is decided, or with {@code pending} as it was when {@code atMost} has
     * passed. Register before the request can be decided, or the decision may pass unnoticed.
     */
    public CompletableFuture<Reservation> await(Reservation pending, Duration atMost) {
        var waiter = new Waiter(pending, new CompletableFuture<>());
        Waiter earlier = waiting.putIfAbsent(pending.id(), waiter);
        if (earlier != null) {
            return earlier.decision();
        }
        waiter.decision().completeOnTimeout(pending, atMost.toMillis(), TimeUnit.MILLISECONDS);
        waiter.decision().whenComplete((reservation, failure) -> waiting.remove(pending.id(), waiter));
        return waiter.decision();
    }

    /** Reports committed decisions of this process; the clients waiting for any of them get their answer. */
    public void decided(Collection<Reservation> reservations) {
        if (waiting.isEmpty()) {
            return;
        }
        for (Reservation reservation : reservations) {
            Waiter waiter = waiting.get(reservation.id());
            if (waiter != null && reservation.status().isDecided()) {
                waiter.decision().complete(reservation);
            }
        }
    }

    public boolean isAwaited(ReservationId id) {
        return waiting.containsKey(id);
    }

    /**
     * Reports a decision taken elsewhere: {@code decide} turns the pending reservation the client waits for into the
     * decided one ({@code null}: not a decision).
     */
    public void noticed(ReservationId id, UnaryOperator<Reservation> decide) {
        Waiter waiter = waiting.get(id);
        if (waiter != null) {
            Reservation decided = decide.apply(waiter.pending());
            if (decided != null) {
                waiter.decision().complete(decided);
            }
        }
    }

    /** How many clients wait now. */
    public int size() {
        return waiting.size();
    }
}
