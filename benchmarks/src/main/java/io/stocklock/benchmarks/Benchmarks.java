package io.stocklock.benchmarks;

import io.stocklock.testsupport.process.Processes;
import java.nio.file.Path;

/**
 * The benchmarks, one command ({@code bash scripts/benchmark.sh}, options {@code name=value}: {@link BenchmarkOptions}):
 * the whole run by default ({@link WholeRun}), or one of its parts or companions: {@code only=door}
 * ({@link DoorRun}), {@code only=drain} ({@link DrainRun}), {@code only=flash-sale} ({@link FlashSaleRun}), {@code only=http} ({@link HttpRun}), {@code only=import} ({@link ImportRun}), {@code only=intake}
 * and {@code only=kafka} ({@link IntakeRun}), {@code only=use-case} ({@link UseCaseRun}), {@code probe=...}
 * ({@link ProbeRun}), {@code only=retention} ({@link RetentionRun}).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        options.applyToProcesses();
        if (!options.probe().isEmpty()) {
            ProbeRun.run(options);
        } else {
            switch (options.only()) {
                case "door" -> DoorRun.run(options);
                case "drain" -> DrainRun.run(options);
                case "flash-sale" -> FlashSaleRun.run(options);
                case "http" -> HttpRun.run(options);
                case "import" -> ImportRun.run(options);
                case "intake" -> IntakeRun.run(options);
                case "kafka" -> IntakeRun.kafka(options);
                case "retention" -> RetentionRun.run(options);
                case "use-case" -> UseCaseRun.run(options);
                case "" -> WholeRun.run(options);
                default -> throw new IllegalArgumentException("only=" + options.only() + ": one of door, drain, http, "
                        + "flash-sale, import, intake, kafka, retention, use-case");
            }
        }
        System.exit(0); // the embedded PostgreSQL's shutdown hook stops it
    }

    /** A new directory for the data and logs of the processes of one run; those of earlier runs are deleted. */
    static Path serviceDirectory() {
        return Processes.runDirectory(Path.of("target", "benchmark-service"));
    }
}
