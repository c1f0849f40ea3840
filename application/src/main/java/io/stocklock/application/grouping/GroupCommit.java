package io.stocklock.application.grouping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Group commit: work offered while a lane is busy writing its previous group is written together, as the next group.
 * Each lane has one thread and a bounded queue, and writes its groups in the order it was offered the work, so
 * everything offered to one lane is handled in arrival order while other lanes write concurrently. A lane that took
 * the first piece of a group lingers, a moment at most, until as much work is queued as its last group held: below
 * its maximum a lane would otherwise write ever smaller groups, each paying its statements and commit for fewer
 * pieces of work, while an idle lane (whose last group held one piece) and a busy one (whose work is queued already)
 * write at once. Offering to a full queue, or after {@link #close()}, is refused at once: that is the backpressure.
 * Closing writes what is queued.
 *
 * @param <T> one piece of work, such as a request and the answer it waits for
 */
public final class GroupCommit<T> implements AutoCloseable {

    private final List<Lane> lanes;
    private final int mostPerGroup;
    private final long lingerNanos;
    private final Consumer<List<T>> writeGroup;
    private volatile boolean closed;

    /**
     * @param name         names the lanes' threads ({@code name-0}, {@code name-1}, ...)
     * @param lanes        how many groups are written at once
     * @param capacity     most pieces of work waiting in one lane
     * @param mostPerGroup most pieces of work written in one group
     * @param linger       how long at most a lane that took the first piece of a group waits for as much work as its
     *                     last group held ({@link Duration#ZERO}: not at all)
     * @param writeGroup   writes one group and answers its work; a failure it throws is its own to answer
     */
    public GroupCommit(String name, int lanes, int capacity, int mostPerGroup, Duration linger,
                       Consumer<List<T>> writeGroup) {
        if (lanes < 1 || capacity < 1 || mostPerGroup < 1) {
            throw new IllegalArgumentException("lanes, capacity and group size must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("a lane cannot linger for a negative time");
        }
        this.mostPerGroup = mostPerGroup;
        this.lingerNanos = linger.toNanos();
        this.writeGroup = writeGroup;
        this.lanes = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            this.lanes.add(new Lane(name + "-" + i, capacity));
        }
    }

    /** The lane of work that shares this key with other work: work with the same key is written in order. */
    public int laneOf(int key) {
        return Math.floorMod(key, lanes.size());
    }

    /** @return false when the lane's queue is full or the component is closed: the work was not taken */
    public boolean offer(int lane, T work) {
        return !closed && lanes.get(lane).queue.offer(work);
    }

    /** Work waiting in the queues, not yet taken into a group. */
    public int queued() {
        int queued = 0;
        for (Lane lane : lanes) {
            queued += lane.queue.size();
        }
        return queued;
    }

    /** Takes no more work, writes what is queued, and waits up to {@code drainAtMost} for the lanes to finish. */
    public void close(Duration drainAtMost) {
        closed = true;
        long deadline = System.nanoTime() + drainAtMost.toNanos();
        for (Lane lane : lanes) {
            try {
                lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private final class Lane {
        /** How often a lingering lane looks at its queue. */
        private static final long LOOK_EVERY_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

        final BlockingQueue<T> queue;
        final Thread thread;

        Lane(String name, int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            List<T> group = new ArrayList<>();
            int lastGroup = 1;
            while (!closed || !queue.isEmpty()) {
                try {
                    T first = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                    lingerUntilQueued(lastGroup - 1);
                    queue.drainTo(group, mostPerGroup - 1);
                    lastGroup = group.size();
                    writeGroup.accept(group);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the writer answers its own failures; one that escapes must not stop the lane
                }
                group = new ArrayList<>();
            }
        }

        /** Waits, for the linger at most, until {@code pieces} pieces of work are queued. */
        private void lingerUntilQueued(int pieces) {
            long deadline = System.nanoTime() + lingerNanos;
            for (long left = lingerNanos; queue.size() < pieces && left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(Math.min(left, LOOK_EVERY_NANOS));
            }
        }
    }
}
