package io.stocklock.benchmarks;

import java.util.Arrays;
import org.openjdk.jmh.Main;

/**
 * Runs the JMH benchmarks with all their parameters:
 * {@code mvn -pl benchmarks exec:exec -Dbenchmark.main=io.stocklock.benchmarks.Jmh} (JMH options in
 * {@code -Dbenchmark.args}, e.g. {@code "-f 1 -wi 2"}).
 */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        String[] options = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(arg -> !arg.isEmpty() && !arg.equals("-")).toArray(String[]::new);
        Main.main(options.length == 0 ? new String[] {"AllocationBenchmark"} : options);
    }
}
