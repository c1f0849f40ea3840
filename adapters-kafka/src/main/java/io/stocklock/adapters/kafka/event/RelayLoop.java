package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.in.RelayOutcomes.RelayOutcomesCommand;
import io.stocklock.application.port.in.RelayOutcomes;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Publishes committed events from an outbox on a thread of its own, a page at a time while pages come full, then
 * every {@code interval}; a page that failed stays in the outbox and is published again.
 */
public class RelayLoop implements SmartLifecycle {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(RelayLoop.class));

    private final String events;
    private final IntUnaryOperator relayPage;
    private final int batchSize;
    private final Duration interval;
    private volatile Thread thread;

    /**
     * @param events    what is relayed, in the thread's name ({@code stocklock-<events>-relay}) and the log
     * @param relayPage publishes up to the given number of events, returns how many it published
     */
    public RelayLoop(String events, IntUnaryOperator relayPage, int batchSize, Duration interval) {
        this.events = events;
        this.relayPage = relayPage;
        this.batchSize = batchSize;
        this.interval = interval;
    }

    /** The outcome events: confirmations, releases, expiries, failures and the decisions taken at the door. */
    public static RelayLoop outcomes(RelayOutcomes relayOutcomes, int batchSize, Duration interval) {
        return new RelayLoop("outcome", limit -> relayOutcomes.relay(new RelayOutcomesCommand(limit)), batchSize,
                interval);
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "stocklock-" + events + "-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(interval.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Stops after the listener containers (phase {@code Integer.MAX_VALUE - 100}; lower phases stop later), so the
     * events of their last batches are published.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                int published;
                do {
                    published = relayPage.applyAsInt(batchSize);
                } while (published == batchSize);
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn(e, "publishing " + events + " events failed; trying again in " + interval);
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
