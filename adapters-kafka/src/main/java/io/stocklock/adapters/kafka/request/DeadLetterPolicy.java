package io.stocklock.adapters.kafka.request;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.domain.reservation.ReservationId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * What happens to a record that cannot be processed: it goes to the dead-letter topic with its original bytes and a
 * one-line reason in the {@value #REASON_HEADER} header, it is counted ({@code stocklock.dead.letters}), and the
 * request it names becomes FAILED when its id could be read and the record is not a conflict with an earlier request
 * of that id.
 */
public class DeadLetterPolicy implements ConsumerAwareRecordRecoverer {

    /** Header of a dead letter that says, in one line, why the record could not be processed. */
    public static final String REASON_HEADER = "stocklock-reason";

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(DeadLetterPolicy.class));

    private final DeadLetterPublishingRecoverer publisher;
    private final FailReservation failReservation;
    private final Counter deadLetters;

    public DeadLetterPolicy(KafkaOperations<?, ?> kafka, String deadLetterTopic, FailReservation failReservation,
                            MeterRegistry meters) {
        this.publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        this.publisher.setHeadersFunction((record, failure) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));
        this.failReservation = failReservation;
        // registered at start: it reads 0 until the first dead letter, so an alert on its increase sees that one
        this.deadLetters = Counter.builder("stocklock.dead.letters")
                .description("records sent to the dead-letter topic").register(meters);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        publisher.accept(record, consumer, failure);
        deadLetters.increment();
        invalidRequest(failure).filter(InvalidRequestException::failTheRequest).ifPresent(this::fail);
    }

    /** The reason a dead letter carries: the unprocessable-record message, or else the most specific cause. */
    private static String reason(Exception failure) {
        Throwable why = invalidRequest(failure)
                .<Throwable>map(invalid -> invalid)
                .orElseGet(() -> NestedExceptionUtils.getMostSpecificCause(failure));
        return String.valueOf(why.getMessage());
    }

    private void fail(InvalidRequestException invalid) {
        ReservationId id;
        try {
            id = ReservationId.parse(invalid.requestId());
        } catch (IllegalArgumentException notAnId) {
            return; // nothing can be recorded under an id that is not one; the dead letter keeps the reason
        }
        try {
            failReservation.fail(new FailReservationCommand(id, invalid.owner(), invalid.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn(e, () -> "request " + invalid.requestId() + " went to the dead-letter topic but could not be "
                    + "marked FAILED (the database is unreachable); the dead letter keeps the reason");
        }
    }

    /** The unprocessable-record exception somewhere in the cause chain, if there is one. */
    private static Optional<InvalidRequestException> invalidRequest(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidRequestException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }
}
