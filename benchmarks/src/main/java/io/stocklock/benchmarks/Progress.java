package io.stocklock.benchmarks;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** One line per step while the benchmark runs: what runs now, for how long, and how far along the whole run is. */
final class Progress {

    private final int steps;
    private int done;

    Progress(int steps) {
        this.steps = steps;
    }

    void step(String what, Duration duration) {
        done++;
        System.out.printf("[%s] %d/%d %s (%d s)%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                Math.min(done, steps), steps, what, duration.toSeconds());
    }
}
