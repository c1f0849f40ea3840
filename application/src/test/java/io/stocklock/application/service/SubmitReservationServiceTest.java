package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.application.port.in.SubmitReservation.SubmitReservationCommand;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final Transactions counted = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            return ports.transactions().inTransaction(work);
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

    @AfterEach
    void stop() {
        started.forEach(SubmitReservationService::close);
    }

    private SubmitReservationService service(int mostInFlight) {
        var service = new SubmitReservationService(counted, ports.reservations(), intake, fail, waiters,
                new ReservationPolicy(1_000, Duration.ofHours(1), Long.MAX_VALUE), ID_SECRET, clock,
                Duration.ofSeconds(30), mostInFlight, () -> Runnable::run);
        started.add(service);
        return service;
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
        assertThat(handedOver).hasSize(callers * each);
        assertThat(getReservation.getAll(handedOver.stream().map(ReservationRequest::id).toList())).hasSize(callers * each);
        // grouped: fewer transactions than submissions (each transaction wrote every submission that was waiting)
        assertThat(transactions.get()).isLessThan(callers * each);
    }

    @Test
    void aWaitingCallerGetsTheDecisionWhenItCommits() throws Exception {
        stock("A", 1);
        intakeAnswer = request -> CompletableFuture.runAsync(
                () -> process.process(new ProcessReservationsCommand(List.of(request))));
        SubmitReservationService submit = service(100);

        SubmitOutcome first = submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(10)))
                .get(10, TimeUnit.SECONDS);
        SubmitOutcome second = submit.submit(command(Optional.empty(), 1, Duration.ofSeconds(10)))
                .get(10, TimeUnit.SECONDS);

        assertThat(first).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                decided -> assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.RESERVED));
        assertThat(second).isInstanceOfSatisfying(SubmitOutcome.Decided.class,
                decided -> assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.REJECTED));
        assertThat(waiters.size()).isZero();
    }

    @Test
    void notDecidedWithinTheWaitIsAcceptedAndStillPending() throws Exception {
        stock("A", 1);
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.empty(), 1, Duration.ofMillis(200)))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Accepted.class,
                accepted -> assertThat(accepted.reservation().status()).isEqualTo(ReservationStatus.PENDING));
    }

    @Test
    void anIntakeThatDoesNotTakeTheRequestLeavesItFailed() throws Exception {
        stock("A", 1);
        intakeAnswer = request -> CompletableFuture.failedFuture(new IllegalStateException("no broker"));
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("k"), 1, Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Unavailable.class, unavailable -> {
            assertThat(unavailable.reason()).isEqualTo("intake unavailable: no broker");
            assertThat(unavailable.reservation()).get().satisfies(failed ->
                    assertThat(failed.status()).isEqualTo(ReservationStatus.FAILED));
        });
        // the key names the failed reservation for good: a retry is told so again, and nothing is handed over
        intakeAnswer = request -> CompletableFuture.completedFuture(null);
        SubmitOutcome retry = submit.submit(command(Optional.of("k"), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS);
        assertThat(retry).isInstanceOfSatisfying(SubmitOutcome.Replayed.class,
                replayed -> assertThat(replayed.reservation().status()).isEqualTo(ReservationStatus.FAILED));
        assertThat(handedOver).hasSize(1);
    }

    @Test
    void beyondTheInFlightBoundNothingIsRecordedAndTheAnswerIsImmediate() throws Exception {
        stock("A", 10);
        var neverAnswered = new CompletableFuture<Void>();
        intakeAnswer = request -> neverAnswered;
        SubmitReservationService submit = service(3);
        List<CompletableFuture<SubmitOutcome>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(submit.submit(command(Optional.empty(), 1, Duration.ZERO)));
        }

        SubmitOutcome refused = submit.submit(command(Optional.empty(), 1, Duration.ZERO)).getNow(null);

        assertThat(refused).isInstanceOfSatisfying(SubmitOutcome.Unavailable.class,
                unavailable -> assertThat(unavailable.reservation()).isEmpty());
        neverAnswered.complete(null);
        for (CompletableFuture<SubmitOutcome> answer : waiting) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(SubmitOutcome.Accepted.class);
        }
        assertThat(submit.submit(command(Optional.empty(), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.Accepted.class);
    }

    @Test
    void aKeyReusedForAnotherRequestChangesNothing() throws Exception {
        stock("A", 10);
        SubmitReservationService submit = service(100);
        assertThat(submit.submit(command(Optional.of("k"), 1, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.Accepted.class);

        assertThat(submit.submit(command(Optional.of("k"), 2, Duration.ZERO)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(SubmitOutcome.KeyReused.class);
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
    void theKeyNamesTheReservationThroughAKeyedHash() throws Exception {
        stock("A", 10);
        SubmitReservationService submit = service(100);

        SubmitOutcome outcome = submit.submit(command(Optional.of("order-17"), 1, Duration.ZERO))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Accepted.class, accepted -> assertThat(
                accepted.reservation().id()).isEqualTo(ReservationId.keyed(ID_SECRET, "alice", "order-17")));
    }
}
