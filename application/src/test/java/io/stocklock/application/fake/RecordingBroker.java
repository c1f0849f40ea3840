package io.stocklock.application.fake;

import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.ArrayList;
import java.util.List;

/** A broker that keeps the events it is given, or refuses every one while it is down. */
public final class RecordingBroker implements OutcomePublisher {

    private final List<OutcomeEvent> published = new ArrayList<>();
    private volatile boolean down;

    @Override
    public void publish(List<OutcomeEvent> events) {
        if (down) {
            throw new OutcomePublisher.NotPublished("the broker is down", null);
        }
        synchronized (published) {
            published.addAll(events);
        }
    }

    public void down(boolean isDown) {
        down = isDown;
    }

    /** What the broker was given, in order, duplicates included. */
    public List<OutcomeEvent> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }
}
