package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.in.NoteDecisions;
import io.stocklock.application.port.in.NoteDecisions.DecisionNotice;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every outcome event (each instance with a consumer group of its own) and reports the decisions that a client
 * of this instance waits for: with several instances, the one that answers a client is often not the one whose
 * consumer decided its request. An event nobody here waits for is skipped by its key, without being parsed.
 */
public class DecisionNoticeListener implements MessageListener<String, byte[]> {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(DecisionNoticeListener.class));

    private final NoteDecisions noteDecisions;
    private final JsonMapper json;

    public DecisionNoticeListener(NoteDecisions noteDecisions, JsonMapper json) {
        this.noteDecisions = noteDecisions;
        this.json = json;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        ReservationId id;
        try {
            id = new ReservationId(UUID.fromString(String.valueOf(record.key())));
        } catch (IllegalArgumentException e) {
            return; // not an event of ours
        }
        if (record.value() == null || !noteDecisions.isAwaited(id)) {
            return;
        }
        try {
            OutcomeEventMessage event = json.readValue(record.value(), OutcomeEventMessage.class);
            noteDecisions.decided(new DecisionNotice(id, ReservationStatus.valueOf(event.status()),
                    Optional.ofNullable(event.reason()), Instant.parse(event.occurredAt()), event.picks()));
        } catch (RuntimeException e) {
            LOG.warn(e, () -> "an outcome event of " + id + " could not be read; its waiting client is answered at "
                    + "the end of its wait");
        }
    }
}
