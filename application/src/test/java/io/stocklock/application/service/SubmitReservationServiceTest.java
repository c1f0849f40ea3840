package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.application.grouping.Retries;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.RepublishStalePending;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.application.port.in.SubmitReservation.SubmitReservationCommand;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmitReservationServiceTest extends ServiceTestSupport {

    private static final byte[] ID_SECRET = "the secret of reservation ids in this test".getBytes(StandardCharsets.UTF_8);


    private final AtomicInteger transactions = new AtomicInteger();
    /** Runs before each transaction of the door's engine: throws to make it fail. */
    private volatile Runnable failing = () -> { };
    private volatile boolean committedButLost;
    /** With {@link #committedButLost}: the database stops answering reads too, right after the commit. */
    private volatile boolean thenGone;
    private final Transactions counted = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            failing.run();
            T result = ports.transactions().inTransaction(work);
            if (committedButLost) {
                committedButLost = false;
                if (thenGone) {
                    stores.failReads(() -> new TransientFailure("the primary is gone"));
                }
                throw new TransientFailure("the connection was lost during COMMIT");
            }
            return result;
        }
    };
    private final List<ReservationRequest> handedOver = new CopyOnWriteArrayList<>();
    private volatile Function<ReservationRequest, CompletableFuture<Void>> intakeAnswer =
            request -> CompletableFuture.completedFuture(null);
    private final RequestIntake intake = request -> {
        handedOver.add(request);
        return intakeAnswer.apply(request);
    };
    private final List<SubmitReservationService> started = new ArrayList<>();
    /** The engine of the service last made. */
    private ProcessReservationsService engine;

    @AfterEach
    void stop() {
        started.forEach(SubmitReservationService::close);
    }

    private SubmitReservationService service(int mostInFlight) {
        return service(mostInFlight, new Retries(3, Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    private SubmitReservationService service(int mostInFlight, Retries retries) {
        var policy = new ReservationPolicy(1_000, Duration.ofHours(1), Long.MAX_VALUE);
        engine = new ProcessReservationsService(counted, ports.reservations(), ports.inventory(), ports.ledger(),
                ports.publisher(), ports.events(), ports.sales(), ports.stockLevels(), ports.waiting(),
                policy, clock);
        var service = new SubmitReservationService(counted, ports.reservations(), engine, intake, policy, clock,
                new SubmitReservationService.Settings(ID_SECRET, mostInFlight, 3, Duration.ZERO, retries),
                TransientFailure.class::isInstance, () -> Runnable::run);
        started.add(service);
        return service;
    }

    /** What the database says of a failure that goes away by itself. */
    private static final class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message);
        }
    }

    private static SubmitReservationCommand command(Optional<String> key, long quantity, Duration wait) {
        return new SubmitReservationCommand("alice", key, List.of(ReservationLine.of("A", quantity)),
                Duration.ofMinutes(10), wait);
    }

    @Test
    void concurrentSubmissionsShareTransactionsAndAreEachHandedOverOnce() throws Exception {
        stock("A", 1_000);
        SubmitReservationService submit = service(10_000);
        int callers = 8;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<SubmitOutcome>> answers = new CopyOnWriteArrayList<>();
        for (int c = 0; c < callers; c++) {
            pool.execute(() -> {
                for (int i = 0; i < each; i++) {
                    answers.add(submit.submit(command(Optional.empty(), 1, Duration.ZERO)));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Map<Object, Integer> ids = new ConcurrentHashMap<>();
        for (CompletableFuture<SubmitOutcome> answer : answers) {
            SubmitOutcome outcome = answer.get(10, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
            var accepted = (SubmitOutcome.Accepted) outcome;
            assertThat(accepted.reservation().status()).isEqualTo(ReservationStatus.PENDING);
            ids.merge(accepted.reservation().id(), 1, Integer::sum);
        }
        assertThat(ids).hasSize(callers * each).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        // handed over after the answers, each once
        await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() >= callers * each);
        assertThat(handedOver).hasSize(callers * each);
        assertThat(handedOver.stream().map(ReservationRequest::id).distinct()).hasSize(callers * each);
        assertThat(getReservation.getAll(handedOver.stream().map(ReservationRequest::id).toList())).hasSize(callers * each);
        // grouped: fewer transactions than submissions (each transaction wrote every submission that was waiting)
        assertThat(transactions.get()).isLessThan(callers * each);
    }

    @Test
    void waitingCallersAreDecidedAtTheDoorInGroupsWithoutTheIntake() throws Exception {
        stock("A", 100);
        SubmitReservationService submit = service(10_000);
        List<CompletableFuture<SubmitOutcome>> answers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            pool.execute(() -> {
                for (int i = 0; i < 50; i++) {
                    answers.add(submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(10))));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Map<ReservationStatus, Integer> statuses = new ConcurrentHashMap<>();
        for (CompletableFuture<SubmitOutcome> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                    decided -> statuses.merge(decided.reservation().status(), 1, Integer::sum));
        }
        assertThat(statuses).containsEntry(ReservationStatus.RESERVED, 100)
                .containsEntry(ReservationStatus.REJECTED, 300);
        assertThat(handedOver).isEmpty();
        assertThat(transactions.get()).isLessThan(400);
        // every decision has its outcome event in the outbox, written in the decision's transaction
        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(1_000))).hasSize(400)
                .allSatisfy(event -> assertThat(event.status()).isIn(ReservationStatus.RESERVED,
                        ReservationStatus.REJECTED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(100);
    }

    @Test
    void aWaitingRetryGetsTheCommittedDecisionAndAnotherBodyIsRefused() throws Exception {
        stock("A", 1);
        SubmitReservationService submit = service(100);

        SubmitOutcome first = submit.submit(command(Optional.of("k"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        SubmitOutcome retry = submit.submit(command(Optional.of("k"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        SubmitOutcome reused = submit.submit(command(Optional.of("k"), 2, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);

        assertThat(first).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                decided -> assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(retry).isInstanceOfSatisfying(SubmitOutcome.Replayed.class,
                replayed -> assertThat(replayed.reservation().id())
                        .isEqualTo(((SubmitOutcome.Decided) first).reservation().id()));
        assertThat(reused).isInstanceOf(SubmitOutcome.KeyReused.class);
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(1);
    }

    @Test
    void aGroupWhoseTransactionFailsForATransientReasonIsTriedAgain() throws Exception {
        stock("A", 5);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        failing = () -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new TransientFailure("connection lost");
            }
        };
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                decided -> assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(failuresLeft.get()).isNegative();
    }

    @Test
    void aCommitWhoseAnswerWasLostIsAnsweredFromTheRow() throws Exception {
        stock("A", 5);
        // the transaction commits, then the connection drops before its answer: no retry, the row decides
        committedButLost = true;
        SubmitReservationService submit = service(100, Retries.NONE);

        SubmitOutcome outcome = submit.submit(command(Optional.of("lost"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                decided -> assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(1);
    }

    @Test
    void aCommitInDoubtThatCannotBeReadBackIsNeverAnsweredNotTakenAndARetryGetsItsDecision() throws Exception {
        stock("A", 5);
        // the commit goes through, then the database goes away before anything can be read: a primary lost
        committedButLost = true;
        thenGone = true;
        SubmitReservationService submit = service(100, Retries.NONE);

        SubmitOutcome waited = submit.submit(command(Optional.of("doubt"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        assertThat(waited).isEqualTo(new SubmitOutcome.InDoubt(ReservationId.keyed(ID_SECRET, "alice", "doubt")));

        stores.failReads(null);
        SubmitOutcome retry = submit.submit(command(Optional.of("doubt"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        assertThat(retry).isInstanceOfSatisfying(SubmitOutcome.Replayed.class,
                replayed -> assertThat(replayed.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(1);

        // the asynchronous door alike
        committedButLost = true;
        SubmitOutcome queued = submit.submit(command(Optional.of("queued"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);
        assertThat(queued).isEqualTo(new SubmitOutcome.InDoubt(ReservationId.keyed(ID_SECRET, "alice", "queued")));
        stores.failReads(null);
    }

    @Test
    void aGroupThatDidNotCommitIsAnsweredUnavailableAndARetryIsDecidedAfresh() throws Exception {
        stock("A", 5);
        failing = () -> {
            throw new TransientFailure("the database is restarting");
        };
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("again"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(SubmitOutcome.Unavailable.class);
        assertThat(ports.reservations().find(ReservationId.keyed(ID_SECRET, "alice", "again"))).isEmpty();

        failing = () -> { };
        assertThat(submit.submit(command(Optional.of("again"), 1, Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.Decided.class);
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(1);
    }

    @Test
    void anIntakeThatDoesNotTakeTheRequestLeavesItPendingForTheSweep() throws Exception {
        stock("A", 1);
        intakeAnswer = request -> CompletableFuture.failedFuture(new IllegalStateException("no broker"));
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("k"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);

        // answered once recorded: the request is durable, whatever the intake does with it
        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Accepted.class,
                accepted -> assertThat(accepted.reservation().status()).isEqualTo(ReservationStatus.PENDING));
        ReservationId id = ((SubmitOutcome.Accepted) outcome).reservation().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() == 1);
        assertThat(ports.reservations().find(id).orElseThrow().status()).isEqualTo(ReservationStatus.PENDING);
        // a retry is answered from the row, and is not handed over again by the door
        SubmitOutcome retry = submit.submit(command(Optional.of("k"), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS);
        assertThat(retry).isInstanceOfSatisfying(SubmitOutcome.Replayed.class,
                replayed -> assertThat(replayed.reservation().status()).isEqualTo(ReservationStatus.PENDING));
        // the sweep hands it over again once the intake takes requests, and its consumer decides it
        intakeAnswer = request -> CompletableFuture.completedFuture(null);
        clock.advance(Duration.ofMinutes(2));
        new RepublishStalePendingService(ports.transactions(), ports.reservations(), intake, clock)
                .republish(new RepublishStalePending.RepublishStalePendingCommand(Duration.ofMinutes(1), 10));
        assertThat(handedOver).hasSize(2).extracting(ReservationRequest::id).containsOnly(id);
        process.process(new ProcessReservationsCommand(List.of(handedOver.get(1))));
        assertThat(ports.reservations().find(id).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aFailedTransactionIsAnsweredFromTheRows() throws Exception {
        stock("A", 5);
        SubmitReservationService submit = service(100, Retries.NONE);
        committedButLost = true;
        SubmitOutcome recorded = submit.submit(command(Optional.of("lost"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);
        failing = () -> {
            throw new TransientFailure("the database is restarting");
        };
        SubmitOutcome notRecorded = submit.submit(command(Optional.of("down"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);

        // the commit went through and only its answer was lost: the row answers, and it is handed over by the sweep
        assertThat(recorded).isInstanceOfSatisfying(SubmitOutcome.Accepted.class,
                accepted -> assertThat(accepted.reservation().status()).isEqualTo(ReservationStatus.PENDING));
        assertThat(notRecorded).isInstanceOf(SubmitOutcome.Unavailable.class);
        assertThat(ports.reservations().find(ReservationId.keyed(ID_SECRET, "alice", "down"))).isEmpty();
    }

    @Test
    void beyondTheInFlightBoundNothingIsRecordedAndTheAnswerIsImmediate() throws Exception {
        stock("A", 10);
        var databaseAnswers = new CountDownLatch(1);
        failing = () -> {
            try {
                databaseAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        SubmitReservationService submit = service(3);
        List<CompletableFuture<SubmitOutcome>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(submit.submit(command(Optional.empty(), 1, Duration.ZERO)));
        }

        SubmitOutcome refused = submit.submit(command(Optional.empty(), 1, Duration.ZERO)).getNow(null);

        assertThat(refused).isInstanceOf(SubmitOutcome.Unavailable.class);
        databaseAnswers.countDown();
        for (CompletableFuture<SubmitOutcome> answer : waiting) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(SubmitOutcome.Accepted.class);
        }
        assertThat(submit.submit(command(Optional.empty(), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.Accepted.class);
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isZero();
    }

    @Test
    void aKeyReusedForAnotherRequestChangesNothing() throws Exception {
        stock("A", 10);
        SubmitReservationService submit = service(100);
        assertThat(submit.submit(command(Optional.of("k"), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.Accepted.class);

        assertThat(submit.submit(command(Optional.of("k"), 2, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.KeyReused.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() == 1);
        assertThat(handedOver).hasSize(1);
    }

    @Test
    void aRequestBeyondThePolicyIsRefusedAndNothingIsRecorded() throws Exception {
        stock("A", 10_000);
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("big"), 1_001, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(new SubmitOutcome.Refused(
                "the request asks for 1001 units; at most 1000 per request are allowed"));
        assertThat(handedOver).isEmpty();
        assertThat(ports.reservations().find(ReservationId.keyed(ID_SECRET, "alice", "big"))).isEmpty();
    }

    @Test
    void bothDoorsRefuseASoldOutSkuWithoutTheIntakeUntilItsUnitsAreBack() throws Exception {
        stock("A", 1);
        SubmitReservationService submit = service(100);
        assertThat(submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(SubmitOutcome.Decided.class, decided -> assertThat(
                        decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        // that decision took the last unit: the SKU is known sold out from its commit on
        SubmitOutcome waiting = submit.submit(command(Optional.of("w"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        SubmitOutcome queued = submit.submit(command(Optional.of("q"), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS);

        for (SubmitOutcome refused : List.of(waiting, queued)) {
            assertThat(refused).isInstanceOfSatisfying(SubmitOutcome.Decided.class, decided -> {
                assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.REJECTED);
                assertThat(decided.reservation().reason()).contains("insufficient stock of A: sold out");
            });
        }
        assertThat(handedOver).isEmpty();
        // units come back: once read, the door decides normally again
        manageStock.adjust(new ManageStock.AdjustStockCommand(Sku.of("A"), LocationId.DEFAULT, 1, "restock"));
        assertThat(submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(SubmitOutcome.Decided.class, decided -> assertThat(
                        decided.reservation().reason()).contains("insufficient stock of A: sold out"));
        assertThat(engine.soldOut().refresh()).isEqualTo(1);
        assertThat(submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(SubmitOutcome.Decided.class, decided -> assertThat(
                        decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(getStock.find(Sku.of("A")).orElseThrow().reserved()).isEqualTo(2);
        // every refusal is recorded with its outcome event, like any decision
        assertThat(ports.transactions().inTransaction(() -> ports.outbox().lockUnpublished(100)))
                .filteredOn(event -> event.reason().orElse("").endsWith("sold out")).hasSize(3);
    }

    @Test
    void theKeyNamesTheReservationThroughAKeyedHash() throws Exception {
        stock("A", 10);
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("order-17"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Accepted.class, accepted -> assertThat(
                accepted.reservation().id()).isEqualTo(ReservationId.keyed(ID_SECRET, "alice", "order-17")));
    }
}
