package io.stocklock.adapters.rest.reservation;

import io.stocklock.application.port.in.GetReservation;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Completes when a reservation is decided, or with its latest state at the deadline. One query every few
 * milliseconds looks up every waiting reservation at once, however many clients wait; no request thread is held.
 */
@Component
class DecisionWaiter implements DisposableBean {

    private static final Log LOG = LogFactory.getLog(DecisionWaiter.class);
    private static final long TICK_MILLIS = 20;

    private record Waiting(CompletableFuture<Reservation> decision, Instant deadline) {
    }

    private final GetReservation getReservation;
    private final Map<ReservationId, Waiting> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stocklock-decision-waiter");
        thread.setDaemon(true);
        return thread;
    });

    DecisionWaiter(GetReservation getReservation) {
        this.getReservation = getReservation;
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<Reservation> await(Reservation pending, Duration atMost) {
        var decision = new CompletableFuture<Reservation>();
        Waiting previous = waiting.put(pending.id(), new Waiting(decision, Instant.now().plus(atMost)));
        if (previous != null) {
            decision.whenComplete((reservation, failure) -> previous.decision().complete(reservation));
        }
        decision.completeOnTimeout(pending, atMost.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        return decision;
    }

    private void tick() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            Map<ReservationId, Reservation> current = getReservation.getAll(waiting.keySet());
            Instant now = Instant.now();
            waiting.forEach((id, wait) -> {
                Reservation reservation = current.get(id);
                boolean decided = reservation != null && reservation.status().isDecided();
                if (decided || now.isAfter(wait.deadline())) {
                    waiting.remove(id, wait);
                    wait.decision().complete(reservation);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("looking up decisions failed; waiting clients get their answer at their deadline", e);
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
