package io.stocklock.application.service;

import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Accepted;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Decided;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.InFlight;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.KeyReused;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Refused;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Replayed;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Unavailable;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.waiting.DecisionWaiters;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Group commit for the intake: submissions that arrive while the previous group is being written are written
 * together, with one insert of their PENDING rows in one transaction, and handed to the intake together, so the
 * producer batches them too. One thread of this service talks to the database; callers only enqueue, and their
 * answers complete when the intake acknowledges (or the decision commits, for callers that wait).
 */
public class SubmitReservationService implements SubmitReservation, AutoCloseable {

    /** Most submissions written in one insert. */
    private static final int MOST_PER_GROUP = 1_000;

    /** @param callerContext runs the hand-over in the caller's context (its trace, for one) */
    private record Submission(ReservationRequest request, Duration waitAtMost, Executor callerContext,
                              CompletableFuture<SubmitOutcome> answer) {
    }

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final RequestIntake intake;
    private final FailReservation failReservation;
    private final DecisionWaiters waiters;
    private final ReservationPolicy policy;
    private final byte[] idSecret;
    private final Clock clock;
    private final Duration inFlightTimeout;
    private final int mostInFlight;
    private final Supplier<Executor> callerContext;

    /** Submissions of this process not answered yet, by reservation id: a second one with the same key is refused. */
    private final Map<ReservationId, Submission> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Submission> arrivals = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Marks requests FAILED whose hand-over failed, off the intake's own threads. */
    private final ExecutorService failures = Executors.newSingleThreadExecutor(daemon("stocklock-intake-failures"));
    private volatile boolean closed;

    /**
     * @param inFlightTimeout a PENDING request older than this whose submission is not answered counts as abandoned
     *                        (its process died), and a retry with its key hands it over again
     * @param mostInFlight    most submissions of this process waiting for the database or the intake; beyond it a
     *                        submission is answered unavailable at once, so an intake outage cannot pile up callers
     * @param callerContext   called on the caller's thread: captures what the hand-over to the intake, on another
     *                        thread, should see of it (a trace context, say) and runs tasks within it
     */
    public SubmitReservationService(Transactions transactions, ReservationStore reservations, RequestIntake intake,
                                    FailReservation failReservation, DecisionWaiters waiters,
                                    ReservationPolicy policy, byte[] idSecret, Clock clock,
                                    Duration inFlightTimeout, int mostInFlight, Supplier<Executor> callerContext) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.intake = intake;
        this.failReservation = failReservation;
        this.waiters = waiters;
        this.policy = policy;
        if (idSecret.length < 32) {
            throw new IllegalArgumentException("the secret of reservation ids must have at least 32 bytes");
        }
        this.idSecret = idSecret.clone();
        this.clock = clock;
        this.inFlightTimeout = inFlightTimeout;
        this.mostInFlight = mostInFlight;
        this.callerContext = callerContext;
        this.writer = daemon("stocklock-intake").newThread(this::writeArrivals);
        this.writer.start();
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(SubmitReservationCommand command) {
        ReservationId id = command.idempotencyKey().map(key -> ReservationId.keyed(idSecret, command.caller(), key))
                .orElseGet(ReservationId::generate);
        var request = new ReservationRequest(id, command.caller(), command.lines(), command.holdFor(),
                command.placement());
        Optional<String> refusal = policy.refusal(request);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new Refused(refusal.get()));
        }
        if (closed) {
            return CompletableFuture.completedFuture(new Unavailable(Optional.empty(), "the service is stopping"));
        }
        if (inFlight.size() >= mostInFlight) {
            return CompletableFuture.completedFuture(new Unavailable(Optional.empty(),
                    "the intake has " + mostInFlight + " requests in flight"));
        }
        var submission = new Submission(request, command.waitAtMost(), callerContext.get(), new CompletableFuture<>());
        Submission earlier = inFlight.putIfAbsent(id, submission);
        if (earlier != null) {
            return CompletableFuture.completedFuture(earlier.request().fingerprint().equals(request.fingerprint())
                    ? new InFlight(id) : new KeyReused(id));
        }
        submission.answer().whenComplete((outcome, failure) -> inFlight.remove(id, submission));
        arrivals.add(submission);
        return submission.answer();
    }

    private void writeArrivals() {
        List<Submission> group = new ArrayList<>();
        while (!closed) {
            try {
                Submission first = arrivals.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                arrivals.drainTo(group, MOST_PER_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                group.forEach(submission -> submission.answer().completeExceptionally(e));
            }
            group.clear();
        }
    }

    private void write(List<Submission> group) {
        Instant now = clock.instant();
        List<Reservation> pending = group.stream().map(submission -> Reservation.pending(submission.request(), now))
                .toList();
        Set<ReservationId> inserted = transactions.inTransaction(() -> reservations.insertIfAbsent(pending));
        List<ReservationId> seenBefore = group.stream().map(submission -> submission.request().id())
                .filter(id -> !inserted.contains(id)).toList();
        Map<ReservationId, Reservation> stored = seenBefore.isEmpty() ? Map.of() : reservations.findAll(seenBefore);
        Throwable intakeDown = null;
        for (int i = 0; i < group.size(); i++) {
            Submission submission = group.get(i);
            if (inserted.contains(submission.request().id()) && intakeDown != null) {
                // the intake refused the group's first request at once (no broker known): the others need not wait
                // for the same refusal one by one
                Throwable down = intakeDown;
                failures.execute(() -> fail(submission, down));
            } else if (inserted.contains(submission.request().id())) {
                intakeDown = handOverOrRefuse(submission, pending.get(i));
            } else {
                answerRetry(submission, stored.get(submission.request().id()), now);
            }
        }
    }

    /** The same id was stored before: by an earlier submission with the same key. */
    private void answerRetry(Submission submission, Reservation stored, Instant now) {
        ReservationRequest request = submission.request();
        if (!stored.matches(request)) {
            submission.answer().complete(new KeyReused(request.id()));
        } else if (stored.status().isDecided()) {
            submission.answer().complete(new Replayed(stored));
        } else if (stored.createdAt().isAfter(now.minus(inFlightTimeout))) {
            submission.answer().complete(new InFlight(request.id()));
        } else {
            // its first submission was abandoned (its process died before answering); handing it over again is safe
            handOverOrRefuse(submission, stored);
        }
    }

    /** @return the failure, if the intake refused the request before returning */
    private Throwable handOverOrRefuse(Submission submission, Reservation pending) {
        try {
            return handOver(submission, pending);
        } catch (RuntimeException e) {
            failures.execute(() -> fail(submission, e));
            return e;
        }
    }

    private Throwable handOver(Submission submission, Reservation pending) {
        // registered before the request can reach a consumer, so its decision cannot pass unnoticed
        CompletableFuture<Reservation> decision = submission.waitAtMost().isZero() ? null
                : waiters.await(pending, submission.waitAtMost());
        var handedOver = new AtomicReference<CompletableFuture<Void>>();
        submission.callerContext().execute(() -> handedOver.set(intake.submit(pending.request())));
        CompletableFuture<Void> accepted = handedOver.get();
        accepted.whenComplete((ok, failure) -> {
            if (failure != null) {
                failures.execute(() -> fail(submission, cause(failure)));
            } else if (decision == null) {
                submission.answer().complete(new Accepted(pending));
            } else {
                decision.thenAccept(reservation -> submission.answer().complete(reservation.status().isDecided()
                        ? new Decided(reservation) : new Accepted(reservation)));
            }
        });
        return accepted.isCompletedExceptionally() ? accepted.handle((ok, failure) -> cause(failure)).join() : null;
    }

    /** The intake did not take it: the request becomes FAILED, unless it reached the intake and was decided after all. */
    private void fail(Submission submission, Throwable failure) {
        ReservationRequest request = submission.request();
        String reason = "intake unavailable: " + failure.getMessage();
        try {
            boolean failed = failReservation.fail(new FailReservationCommand(request.id(), request.owner(), reason));
            Reservation now = reservations.find(request.id()).orElseThrow();
            submission.answer().complete(failed ? new Unavailable(Optional.of(now), reason) : new Decided(now));
        } catch (RuntimeException e) {
            submission.answer().completeExceptionally(e);
        }
    }

    /** One key of one caller always names the same reservation. */
    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops taking submissions; those already written finish as their intake answers. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        failures.shutdown();
        Submission left;
        while ((left = arrivals.poll()) != null) {
            left.answer().complete(new Unavailable(Optional.empty(), "the service is stopping"));
        }
    }
}
