package io.stocklock.application.waiting;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Clients waiting for a decision. A decision completes its waiter as soon as the transaction that took it has
 * committed, on the thread that committed it; nothing polls, and completing a waiter does no database work.
 */
public final class DecisionWaiters {

    private final Map<ReservationId, CompletableFuture<Reservation>> waiting = new ConcurrentHashMap<>();

    /**
     * Completes with the reservation once it is decided, or with {@code pending} as it was when {@code atMost} has
     * passed. Register before the request can be decided, or the decision may pass unnoticed.
     */
    public CompletableFuture<Reservation> await(Reservation pending, Duration atMost) {
        var decision = new CompletableFuture<Reservation>();
        CompletableFuture<Reservation> earlier = waiting.putIfAbsent(pending.id(), decision);
        if (earlier != null) {
            return earlier;
        }
        decision.completeOnTimeout(pending, atMost.toMillis(), TimeUnit.MILLISECONDS);
        decision.whenComplete((reservation, failure) -> waiting.remove(pending.id(), decision));
        return decision;
    }

    /** Reports committed decisions; the clients waiting for any of them get their answer. */
    public void decided(Collection<Reservation> reservations) {
        if (waiting.isEmpty()) {
            return;
        }
        for (Reservation reservation : reservations) {
            CompletableFuture<Reservation> waiter = waiting.get(reservation.id());
            if (waiter != null && reservation.status().isDecided()) {
                waiter.complete(reservation);
            }
        }
    }

    /** How many clients wait now. */
    public int size() {
        return waiting.size();
    }
}
