package io.stocklock.application.service;

import io.stocklock.application.grouping.GroupCommit;
import io.stocklock.application.grouping.Retries;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Accepted;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Decided;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.InDoubt;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.InFlight;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.KeyReused;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Refused;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Replayed;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome.Unavailable;
import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP intake's two doors over one {@link GroupCommit}. A buyer who waits for the answer is decided at the door:
 * the submissions that arrived while the lane wrote its previous group are decided together by the decision engine,
 * in one transaction, and answered right after its commit. Every other submission is recorded PENDING (one insert
 * per group, its only durable write), answered right after that commit, and then handed to the intake, to be decided
 * by its consumers.
 * Submissions are laned by their smallest SKU, so one SKU's buyers are taken in the order they arrived, while groups of
 * other lanes are written at the same time.
 */
public class SubmitReservationService implements SubmitReservation, AutoCloseable {

    /** Most submissions decided or written in one transaction. */
    private static final int MOST_PER_GROUP = 1_000;
    /** Most recorded requests waiting to be handed over; beyond it the sweep hands a request over. */
    private static final int MOST_TO_HAND_OVER = 10_000;

    /**
     * How the door is run.
     *
     * @param idSecret     the secret of the keyed hash that turns a caller's idempotency key into a reservation id
     * @param mostInFlight most submissions of this process not answered yet, and most waiting in one lane; beyond it
     *                     a submission is answered unavailable at once, so an outage cannot pile up callers
     * @param lanes        groups written at once
     * @param linger       how long a lane waits for more submissions after the first of a group
     * @param retries      how a group whose transaction failed for a transient reason is tried again
     */
    public record Settings(byte[] idSecret, int mostInFlight, int lanes, Duration linger, Retries retries) {
        public Settings {
            if (idSecret.length < 32) {
                throw new IllegalArgumentException("the secret of reservation ids must have at least 32 bytes");
            }
            idSecret = idSecret.clone();
            Objects.requireNonNull(linger, "linger");
            Objects.requireNonNull(retries, "retries");
        }
    }

    /** @param callerContext runs the hand-over in the caller's context (its trace, for one) */
    private record Submission(ReservationRequest request, boolean waits, Executor callerContext,
                              CompletableFuture<SubmitOutcome> answer) {
    }

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final ProcessReservationsService engine;
    private final RequestIntake intake;
    private final ReservationPolicy policy;
    private final Clock clock;
    private final Settings settings;
    private final FailureClassifier failures;
    private final Supplier<Executor> callerContext;

    /** Submissions of this process not answered yet, by reservation id: a second one with the same key is refused. */
    private final Map<ReservationId, Submission> inFlight = new ConcurrentHashMap<>();
    private final GroupCommit<Submission> groups;
    /** Completes the door's answers, so that a lane goes on to its next group at once. */
    private final ExecutorService answers = Executors.newSingleThreadExecutor(daemon("stocklock-answers"));
    /** Hands recorded requests over to the intake after their answers, so that a slow broker holds up no lane. */
    private final ExecutorService handOvers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MOST_TO_HAND_OVER), daemon("stocklock-hand-over"),
            new ThreadPoolExecutor.DiscardPolicy());
    private volatile boolean closed;

    /**
     * @param engine        decides the waiting buyers' requests, as the intake's consumers decide the others
     * @param failures      tells failures worth trying again from those that would happen again
     * @param callerContext called on the caller's thread: captures what the hand-over to the intake, on another
     *                      thread, should see of it (a trace context, say) and runs tasks within it
     */
    public SubmitReservationService(Transactions transactions, ReservationStore reservations,
                                    ProcessReservationsService engine, RequestIntake intake,
                                    ReservationPolicy policy, Clock clock,
                                    Settings settings, FailureClassifier failures,
                                    Supplier<Executor> callerContext) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.engine = engine;
        this.intake = intake;
        this.policy = policy;
        this.clock = clock;
        this.settings = settings;
        this.failures = failures;
        this.callerContext = callerContext;
        this.groups = new GroupCommit<>("stocklock-door", settings.lanes(), settings.mostInFlight(), MOST_PER_GROUP,
                settings.linger(), this::write);
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(SubmitReservationCommand command) {
        ReservationId id = command.idempotencyKey()
                .map(key -> ReservationId.keyed(settings.idSecret(), command.caller(), key))
                .orElseGet(ReservationId::generate);
        var request = new ReservationRequest(id, command.caller(), command.lines(), command.holdFor(),
                command.placement());
        Optional<String> refusal = policy.refusal(request);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(new Refused(refusal.get()));
        }
        if (closed) {
            return CompletableFuture.completedFuture(new Unavailable("the service is stopping"));
        }
        if (inFlight.size() >= settings.mostInFlight()) {
            return CompletableFuture.completedFuture(new Unavailable(
                    "the intake has " + settings.mostInFlight() + " requests in flight"));
        }
        var submission = new Submission(request, !command.waitAtMost().isZero(), callerContext.get(),
                new CompletableFuture<>());
        Submission earlier = inFlight.putIfAbsent(id, submission);
        if (earlier != null) {
            return CompletableFuture.completedFuture(earlier.request().fingerprint().equals(request.fingerprint())
                    ? new InFlight(id) : new KeyReused(id));
        }
        // the caller hears the answer only once the request has left the door, so its next request finds room
        CompletableFuture<SubmitOutcome> answered = submission.answer()
                .whenComplete((outcome, failure) -> inFlight.remove(id, submission));
        if (!groups.offer(groups.laneOf(laneKey(request)), submission)) {
            submission.answer().complete(new Unavailable(closed ? "the service is stopping"
                    : "the intake's queue for these SKUs is full"));
        }
        return answered;
    }

    /** A request is laned, and so ordered, with the others of its smallest SKU. */
    private static int laneKey(ReservationRequest request) {
        return request.lines().stream().map(ReservationLine::sku).min(Comparable::compareTo).orElseThrow()
                .hashCode();
    }

    /**
     * One group of one lane: requests for a SKU known to be sold out are refused first, whichever door they came by,
     * without its lock; then waiting buyers are decided, and the others recorded and handed over.
     */
    private void write(List<Submission> group) {
        List<Submission> soldOut = new ArrayList<>();
        List<Submission> waiting = new ArrayList<>();
        List<Submission> queued = new ArrayList<>();
        for (Submission submission : group) {
            (engine.soldOut().soldOutIn(submission.request()).isPresent() ? soldOut
                    : submission.waits() ? waiting : queued).add(submission);
        }
        if (!soldOut.isEmpty()) {
            decide(soldOut, engine::refuseSoldOut);
        }
        if (!waiting.isEmpty()) {
            decide(waiting, engine::decideAtTheDoor);
        }
        if (!queued.isEmpty()) {
            try {
                recordAndHandOver(queued);
            } catch (RuntimeException e) {
                queued.forEach(submission -> submission.answer().completeExceptionally(e));
            }
        }
    }

    // ---- the waiting door: decided here -------------------------------------------------------------------------

    /** @param engineDecision the engine's decision of these requests, one outcome each in their order */
    private void decide(List<Submission> waiting,
                        Function<List<ReservationRequest>, List<RequestOutcome>> engineDecision) {
        List<ReservationRequest> requests = waiting.stream().map(Submission::request).toList();
        List<SubmitOutcome> outcomes;
        try {
            outcomes = withRetries(() -> engineDecision.apply(requests)).stream()
                    .map(SubmitReservationService::answerOf).toList();
        } catch (RuntimeException e) {
            outcomes = answerFromTheRows(requests);
        }
        List<SubmitOutcome> decided = outcomes;
        answers.execute(() -> complete(waiting, decided));
    }

    private static SubmitOutcome answerOf(RequestOutcome outcome) {
        if (outcome instanceof RequestOutcome.Decided decided) {
            return new Decided(decided.reservation());
        }
        if (outcome instanceof RequestOutcome.AlreadyDecided before) {
            return new Replayed(before.reservation());
        }
        return new KeyReused(outcome.request().id());
    }

    private <T> T withRetries(Supplier<T> work) {
        for (int failed = 1; ; failed++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                Optional<Duration> wait = failures.isTransient(e) ? settings.retries().after(failed) : Optional.empty();
                if (wait.isEmpty()) {
                    throw e;
                }
                try {
                    Thread.sleep(wait.get().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The group's transaction failed, and perhaps only the answer to its commit was lost: what the rows say is the
     * answer. A request without a row was not decided, and a retry with its key is decided afresh. Rows that cannot
     * be read leave the answer in doubt: never "not taken" for a request that may have been.
     */
    private List<SubmitOutcome> answerFromTheRows(List<ReservationRequest> requests) {
        Map<ReservationId, Reservation> stored;
        try {
            stored = reservations.findAll(requests.stream().map(ReservationRequest::id).toList());
        } catch (RuntimeException e) {
            return requests.stream().<SubmitOutcome>map(request -> new InDoubt(request.id())).toList();
        }
        return requests.stream().<SubmitOutcome>map(request -> {
            Reservation row = stored.get(request.id());
            if (row == null) {
                return new Unavailable("the database did not record the request");
            }
            if (!row.matches(request)) {
                return new KeyReused(request.id());
            }
            return row.status().isDecided() ? new Decided(row) : new Accepted(row);
        }).toList();
    }

    // ---- the asynchronous door: recorded here, decided by the intake's consumers --------------------------------

    /**
     * One durable write per request: the group's PENDING rows, committed together. The answer (202) leaves right
     * after the commit; the hand-over to the intake follows on its own thread, and a request it does not take stays
     * PENDING until the sweep ({@link RepublishStalePendingService}) hands it over again.
     */
    private void recordAndHandOver(List<Submission> group) {
        Instant now = clock.instant();
        List<Reservation> pending = group.stream().map(submission -> Reservation.pending(submission.request(), now))
                .toList();
        Set<ReservationId> inserted;
        try {
            inserted = withRetries(() -> transactions.inTransaction(() -> reservations.insertIfAbsent(pending)));
        } catch (RuntimeException e) {
            // perhaps only the answer to the commit was lost: what the rows say is the answer
            List<SubmitOutcome> outcomes = answerFromTheRows(pending.stream().map(Reservation::request).toList());
            answers.execute(() -> complete(group, outcomes));
            for (int i = 0; i < group.size(); i++) {
                if (outcomes.get(i) instanceof Accepted) {
                    handOverLater(group.get(i));
                }
            }
            return;
        }
        List<ReservationId> seenBefore = group.stream().map(submission -> submission.request().id())
                .filter(id -> !inserted.contains(id)).toList();
        Map<ReservationId, Reservation> stored = seenBefore.isEmpty() ? Map.of() : reservations.findAll(seenBefore);
        List<SubmitOutcome> outcomes = new ArrayList<>(group.size());
        List<Submission> toHandOver = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Submission submission = group.get(i);
            if (inserted.contains(submission.request().id())) {
                outcomes.add(new Accepted(pending.get(i)));
                toHandOver.add(submission);
            } else {
                // the same id was stored before, by an earlier submission with the same key
                Reservation before = stored.get(submission.request().id());
                outcomes.add(before == null ? new Unavailable("the request was deleted meanwhile")
                        : before.matches(submission.request()) ? new Replayed(before)
                        : new KeyReused(submission.request().id()));
            }
        }
        answers.execute(() -> complete(group, outcomes));
        toHandOver.forEach(this::handOverLater);
    }

    /** One the hand-over has no room for (the broker is slow or down) is handed over by the sweep. */
    private void handOverLater(Submission submission) {
        handOvers.execute(() -> handOver(submission));
    }

    private static void complete(List<Submission> group, List<SubmitOutcome> outcomes) {
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(outcomes.get(i));
        }
    }

    /** Within the caller's context (its trace); a send that fails leaves the request PENDING for the sweep. */
    private void handOver(Submission submission) {
        submission.callerContext().execute(() -> intake.submit(submission.request()));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Takes no more submissions; those queued are still decided or handed over, and answered. */
    @Override
    public void close() {
        closed = true;
        groups.close();
        answers.shutdown();
        handOvers.shutdown();
    }
}
