package io.stocklock.application.service;

import io.stocklock.application.port.in.NoteDecisions;
import io.stocklock.application.waiting.DecisionWaiters;
import io.stocklock.domain.reservation.ReservationId;

public class NoteDecisionsService implements NoteDecisions {

    private final DecisionWaiters waiters;

    public NoteDecisionsService(DecisionWaiters waiters) {
        this.waiters = waiters;
    }

    @Override
    public boolean isAwaited(ReservationId id) {
        return waiters.isAwaited(id);
    }

    @Override
    public void decided(DecisionNotice notice) {
        waiters.noticed(notice.id(), pending -> switch (notice.status()) {
            case RESERVED -> pending.reserve(notice.decidedAt(), notice.picks());
            case REJECTED -> pending.reject(notice.reason().orElse("rejected"), notice.decidedAt());
            case FAILED -> pending.fail(notice.reason().orElse("failed"), notice.decidedAt());
            default -> null; // not a decision of a pending request
        });
    }
}
