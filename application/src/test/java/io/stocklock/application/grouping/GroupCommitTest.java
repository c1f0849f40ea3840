package io.stocklock.application.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private record Work(int key, int sequence) {
    }

    @Test
    void workOfOneKeyIsWrittenInArrivalOrderWhileLanesWriteConcurrently() throws Exception {
        Map<Integer, List<Integer>> written = new ConcurrentHashMap<>();
        AtomicInteger groups = new AtomicInteger();
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        try (var commit = new GroupCommit<Work>("test", 4, 10_000, 100, Duration.ZERO, group -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            groups.incrementAndGet();
            pause(2);
            group.forEach(work -> written.computeIfAbsent(work.key(), key -> new CopyOnWriteArrayList<>())
                    .add(work.sequence()));
            running.decrementAndGet();
        })) {
            for (int sequence = 0; sequence < 2_000; sequence++) {
                int key = sequence % 8;
                assertThat(commit.offer(commit.laneOf(key), new Work(key, sequence))).isTrue();
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> written.values().stream().mapToInt(List::size).sum() == 2_000);
        }
        written.values().forEach(sequences -> assertThat(sequences).isSorted());
        assertThat(groups.get()).isLessThan(2_000);
        assertThat(mostAtOnce.get()).isGreaterThan(1);
    }

    @Test
    void aFullLaneRefusesAtOnceAndClosingWritesWhatIsQueued() throws Exception {
        var release = new CountDownLatch(1);
        List<Integer> written = new CopyOnWriteArrayList<>();
        var commit = new GroupCommit<Integer>("test", 1, 2, 10, Duration.ZERO, group -> {
            awaitRelease(release);
            written.addAll(group);
        });
        assertThat(commit.offer(0, 1)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> commit.queued() == 0); // taken into a group, blocked
        assertThat(commit.offer(0, 2)).isTrue();
        assertThat(commit.offer(0, 3)).isTrue();
        assertThat(commit.offer(0, 4)).as("the lane's queue holds two").isFalse();

        release.countDown();
        commit.close(Duration.ofSeconds(10));

        assertThat(written).containsExactly(1, 2, 3);
        assertThat(commit.offer(0, 5)).as("closed").isFalse();
    }

    @Test
    void aGroupThatThrowsDoesNotStopItsLane() {
        List<Integer> written = new ArrayList<>();
        try (var commit = new GroupCommit<Integer>("test", 1, 10, 1, Duration.ZERO, group -> {
            if (group.contains(1)) {
                throw new IllegalStateException("broken");
            }
            synchronized (written) {
                written.addAll(group);
            }
        })) {
            commit.offer(0, 1);
            commit.offer(0, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (written) {
                    return written.contains(2);
                }
            });
        }
    }

    @Test
    void aLaneLingersForAsMuchWorkAsItsLastGroupHeld() {
        var release = new CountDownLatch(1);
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        try (var commit = new GroupCommit<Integer>("test", 1, 10, 10, Duration.ofSeconds(5), group -> {
            if (group.contains(0)) {
                awaitRelease(release);
            }
            groups.add(group);
        })) {
            commit.offer(0, 0);
            await().atMost(Duration.ofSeconds(1)).until(() -> commit.queued() == 0); // written alone, held
            commit.offer(0, 1);
            commit.offer(0, 2);
            release.countDown();
            await().atMost(Duration.ofSeconds(1)).until(() -> groups.size() == 2); // 1 and 2 together, at once
            commit.offer(0, 3);
            await().atMost(Duration.ofSeconds(1)).until(() -> commit.queued() == 0); // taken: lingering for one more
            commit.offer(0, 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 3);
        }
        assertThat(groups).containsExactly(List.of(0), List.of(1, 2), List.of(3, 4));
    }

    @Test
    void anIdleLaneWritesALoneRequestAtOnce() {
        List<Integer> written = new CopyOnWriteArrayList<>();
        try (var commit = new GroupCommit<Integer>("test", 1, 10, 10, Duration.ofMinutes(10), written::addAll)) {
            commit.offer(0, 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        }
        assertThat(written).containsExactly(1);
    }

    @Test
    void aNegativeLingerIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new GroupCommit<Integer>("test", 1, 10, 10, Duration.ofMillis(-1), group -> { }));
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
