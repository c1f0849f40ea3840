package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.in.RelayOutcomes.RelayOutcomesCommand;
import java.time.Duration;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Publishes committed outcome events from the outbox (confirmations, releases, expiries, failures) on a thread of its
 * own, every {@code interval}; events whose publisher died are claimable again when their lease ends.
 */
public class OutcomeRelay implements SmartLifecycle {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(OutcomeRelay.class));

    private final RelayOutcomes relayOutcomes;
    private final int batchSize;
    private final Duration interval;
    private volatile Thread thread;

    public OutcomeRelay(RelayOutcomes relayOutcomes, int batchSize, Duration interval) {
        this.relayOutcomes = relayOutcomes;
        this.batchSize = batchSize;
        this.interval = interval;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "stocklock-outcome-relay");
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
                    published = relayOutcomes.relay(new RelayOutcomesCommand(batchSize));
                } while (published == batchSize);
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn(e, "publishing outcome events failed; trying again in " + interval);
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
