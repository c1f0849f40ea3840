package io.stocklock.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every answer of a load run: its status and the reservation it names, for the benchmark to check against the
 * database; and the latency of all answers, for the percentiles.
 */
final class Answers {

    private record Answer(int status, String id) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Histogram latency = new ConcurrentHistogram(3);
    private long started = System.nanoTime();
    private volatile long lastAnswer = started;
    /** Answers of the whole run, the warm-up's included. */
    private final LongAdder all = new LongAdder();

    /** Requests sent before {@code warmUp} has passed are not measured. */
    void measureAfter(Duration warmUp) {
        started = System.nanoTime() + warmUp.toNanos();
        lastAnswer = started;
    }

    boolean measuring() {
        return System.nanoTime() >= started;
    }

    void count() {
        all.increment();
    }

    void record(int status, int millis, String id) {
        answers.add(new Answer(status, id));
        if (millis >= 0) {
            latency.recordValue(Math.max(1, millis) * 1_000L);
        }
        lastAnswer = System.nanoTime();
    }

    /** {@code file}: one line per answer; {@code file.summary}: counts by status and latency percentiles (ms). */
    void write(Path file, double rate, int seconds) {
        List<String> lines = new ArrayList<>(answers.size());
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Answer answer : answers) {
            lines.add(answer.status() + " " + answer.id());
            byStatus.merge(answer.status(), 1, Integer::sum);
        }
        writeLines(file, lines);
        List<String> summary = new ArrayList<>(List.of(
                "offered=" + rate,
                "seconds=" + seconds,
                "answered=" + answers.size(),
                "answered-in-all=" + all.sum(),
                "elapsed=" + (lastAnswer - started) / 1e9,
                "p50=" + latency.getValueAtPercentile(50) / 1_000.0,
                "p99=" + latency.getValueAtPercentile(99) / 1_000.0,
                "p999=" + latency.getValueAtPercentile(99.9) / 1_000.0,
                "max=" + latency.getMaxValue() / 1_000.0));
        byStatus.forEach((status, count) -> summary.add("status." + status + "=" + count));
        writeLines(Path.of(file + ".summary"), summary);
    }

    private static void writeLines(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
