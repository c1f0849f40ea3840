package io.stocklock.adapters.kafka.request;

import io.stocklock.application.port.in.ForgetFinishedReservations.Retention;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.domain.reservation.ReservationRequest;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Decides what one poll returned with one {@code ProcessReservations} call: one database transaction per batch, whose
 * outcome events are published before the call returns. The container commits the offsets after this returns, so
 * after the database commit and the events: a batch whose events did not reach the broker is delivered again.
 *
 * <p>Failures: a record that is not a valid request ends the batch there; the requests before it are decided and
 * spring-kafka's error handler sends it to the dead-letter topic and carries on after it. A transient database
 * failure is thrown as is, and the error handler retries the batch until the database is back. A batch that fails
 * for any other reason is decided one request at a time, so the one request that fails is isolated and dead-lettered.
 * A record sent longer ago than finished reservations are kept (delivered again after its consumer group's offsets
 * were lost or reset, say) is dead-lettered without being decided: its decision may have been taken and forgotten.
 */
public class ReservationRequestListener implements BatchConsumerAwareMessageListener<String, ReservationRequest> {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(ReservationRequestListener.class));
    private static final Timer BATCH_DURATION = Timer.builder("stocklock.batch.duration")
            .description("time to decide one batch: its transaction from the lock to the commit, and its events")
            .register(Metrics.globalRegistry);

    private final ProcessReservations processReservations;
    private final ConsumerAwareRecordRecoverer deadLetters;
    private final IntakeFailures failures;
    private final Optional<Retention> retention;
    private final Clock clock;

    /**
     * @param deadLetters where conflicting requests go (same id, different payload): they are valid records, so they
     *                    do not stop the batch
     * @param retention   how long finished reservations are kept, where they are deleted at all
     */
    public ReservationRequestListener(ProcessReservations processReservations,
                                      ConsumerAwareRecordRecoverer deadLetters, IntakeFailures failures,
                                      Optional<Retention> retention, Clock clock) {
        this.processReservations = processReservations;
        this.deadLetters = deadLetters;
        this.failures = failures;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, ReservationRequest>> records, Consumer<?, ?> consumer) {
        List<ConsumerRecord<String, ReservationRequest>> fresh = new ArrayList<>(records.size());
        List<ReservationRequest> requests = new ArrayList<>(records.size());
        for (ConsumerRecord<String, ReservationRequest> record : records) {
            if (record.value() == null) {
                decide(fresh, requests, consumer);
                InvalidRequestException invalid = whyUnreadable(record);
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, record);
            }
            if (mayHaveBeenForgotten(record)) {
                deadLetters.accept(record, consumer, new InvalidRequestException("sent at "
                        + Instant.ofEpochMilli(record.timestamp()) + ", longer ago than finished reservations are kept ("
                        + retention.orElseThrow().kept() + "): its decision may have been taken and forgotten, so it is "
                        + "not decided again", record.value().id().toString(), record.value().owner(), false, null));
                continue;
            }
            fresh.add(record);
            requests.add(record.value());
        }
        decide(fresh, requests, consumer);
    }

    private boolean mayHaveBeenForgotten(ConsumerRecord<?, ?> record) {
        return record.timestamp() > 0 && retention.isPresent()
                && retention.get().mayHaveForgotten(Instant.ofEpochMilli(record.timestamp()), clock.instant());
    }

    private void decide(List<ConsumerRecord<String, ReservationRequest>> records, List<ReservationRequest> requests,
                        Consumer<?, ?> consumer) {
        if (requests.isEmpty()) {
            return;
        }
        List<RequestOutcome> outcomes;
        Timer.Sample started = Timer.start();
        try {
            outcomes = processReservations.process(new ProcessReservationsCommand(requests));
            started.stop(BATCH_DURATION);
        } catch (RuntimeException e) {
            if (failures.isTransient(e) || requests.size() == 1) {
                throw e;
            }
            LOG.warn(e, () -> "a batch of " + requests.size() + " failed; deciding its requests one at a time");
            for (int i = 0; i < requests.size(); i++) {
                decideAlone(records.get(i), consumer);
            }
            return;
        }
        record(records, outcomes);
        deadLetterConflicts(records, outcomes, consumer);
    }

    /** Decisions by outcome, batch sizes, and how long requests waited from submission to decision. */
    private static void record(List<ConsumerRecord<String, ReservationRequest>> records,
                               List<RequestOutcome> outcomes) {
        Metrics.summary("stocklock.batch.size").record(outcomes.size());
        long now = System.currentTimeMillis();
        Timer submitToDecision = Metrics.timer("stocklock.submit.to.decision");
        Map<String, Integer> byOutcome = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            RequestOutcome outcome = outcomes.get(i);
            String kind = outcome instanceof RequestOutcome.Decided decided
                    ? decided.reservation().status().name().toLowerCase()
                    : outcome instanceof RequestOutcome.AlreadyDecided ? "already_decided" : "conflicting";
            byOutcome.merge(kind, 1, Integer::sum);
            if (outcome instanceof RequestOutcome.Decided && records.get(i).timestamp() > 0) {
                submitToDecision.record(Math.max(0, now - records.get(i).timestamp()), TimeUnit.MILLISECONDS);
            }
        }
        byOutcome.forEach((kind, count) -> Metrics.counter("stocklock.decisions", "outcome", kind).increment(count));
    }

    private void decideAlone(ConsumerRecord<String, ReservationRequest> record, Consumer<?, ?> consumer) {
        List<RequestOutcome> outcomes;
        try {
            outcomes = processReservations.process(new ProcessReservationsCommand(List.of(record.value())));
        } catch (RuntimeException e) {
            if (failures.isTransient(e)) {
                throw e;
            }
            var failed = new InvalidRequestException("cannot be processed: " + e, record.value().id().toString(),
                    record.value().owner(), true, e);
            throw new BatchListenerFailedException(failed.getMessage(), failed, record);
        }
        record(List.of(record), outcomes);
        deadLetterConflicts(List.of(record), outcomes, consumer);
    }

    private void deadLetterConflicts(List<ConsumerRecord<String, ReservationRequest>> records,
                                     List<RequestOutcome> outcomes, Consumer<?, ?> consumer) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof RequestOutcome.Conflicting conflict) {
                deadLetters.accept(records.get(i), consumer, new InvalidRequestException(
                        "conflict: request " + conflict.request().id() + " exists with a different payload",
                        conflict.request().id().toString(), conflict.request().owner(), false, null));
            }
        }
    }

    private static InvalidRequestException whyUnreadable(ConsumerRecord<String, ReservationRequest> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (failure == null) {
            return new InvalidRequestException("tombstone: a request record needs a value", null, null, false, null);
        }
        if (failure.getCause() instanceof InvalidRequestException invalid) {
            return invalid;
        }
        return new InvalidRequestException("not a readable request: " + failure.getMessage(), null, null, false,
                null);
    }
}
