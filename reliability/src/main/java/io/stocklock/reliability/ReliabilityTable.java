package io.stocklock.reliability;

import io.stocklock.reliability.Checker.Verdict;
import io.stocklock.reliability.FaultSuite.FaultRecord;
import io.stocklock.reliability.FaultSuite.Result;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The long run: one fault-suite run per kind of fault, each with the same options, and the table of their verdicts
 * written into docs/reliability.md between its two markers; the rows of kinds not run this time stay as they were.
 * Options: those of {@link FaultSuite} (but {@code faults}: every kind, or a comma-separated list of kinds), and
 * {@code doc} (the file to write, default {@code ../docs/reliability.md}). Exits 0 when every run passed.
 */
public final class ReliabilityTable {

    static final String BEGIN = "<!-- the long run's table: written by scripts/reliability.sh -->";
    static final String END = "<!-- end of the long run's table -->";

    private ReliabilityTable() {
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        List<String> given = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(arg -> arg.contains("=")).toList();
        Path doc = Path.of(option(given, "doc", "../docs/reliability.md"));
        List<Fault> kinds = Arrays.stream(option(given, "faults", FaultSuite.EVERY_KIND.stream().map(Fault::label)
                .collect(Collectors.joining(","))).split(",")).map(Fault::of).toList();
        List<String> suiteOptions = given.stream()
                .filter(arg -> !arg.startsWith("doc=") && !arg.startsWith("faults=")).toList();

        boolean passed = true;
        for (Fault kind : kinds) {
            List<String> options = new ArrayList<>(suiteOptions);
            options.add("faults=" + kind.label());
            Result result = new FaultSuite(FaultSuite.Options.parse(options.toArray(String[]::new))).run();
            passed &= result.verdict().passed();
            write(doc, kind, row(kind, result, suiteOptions));
        }
        System.exit(passed ? 0 : 1);
    }

    private static String row(Fault kind, Result result, List<String> options) {
        Verdict verdict = result.verdict();
        FaultRecord fault = result.faults().get(0);
        return "| `%s` | %s | %,d | %,d / %,d / %,d | %d | %d | %d | %d | %d | %.1f s | %s | %s |".formatted(
                kind.label(), fault.detail(), verdict.requests(), verdict.ok(), verdict.fail(), verdict.info(),
                verdict.oversold().size(), verdict.lost() + verdict.unpublished() + verdict.phantom(),
                verdict.doubleApplied() + verdict.duplicateEvents(), verdict.stuck(),
                verdict.deadLetters().size() - verdict.poisonSent(), fault.recoverySeconds(),
                verdict.passed() ? "PASS" : "FAIL",
                LocalDate.now() + ", JDK " + Runtime.version().feature()
                        + (options.isEmpty() ? "" : ", `" + String.join(" ", options) + "`"));
    }

    /**
     * Puts the row of {@code kind} between the markers, in place of the one there was, the rows in the order of
     * {@link FaultSuite#EVERY_KIND}: rewritten after every run, so a long run that stops keeps its rows.
     */
    private static void write(Path doc, Fault kind, String row) {
        new MarkedSection(doc, BEGIN, END).rewrite(before -> {
            Map<Fault, String> rows = new EnumMap<>(Fault.class);
            for (Fault each : Fault.values()) {
                before.lines().filter(line -> line.startsWith("| `" + each.label() + "` |"))
                        .findFirst().ifPresent(line -> rows.put(each, line));
            }
            rows.put(kind, row);
            return Stream.concat(Stream.of(
                            "",
                            "One run of `bash scripts/reliability.sh` per fault, on the day and with the options in its row:",
                            "",
                            "| fault | what happened | requests | ok / fail / info | oversold | lost | doubled | stuck "
                                    + "| stray dead letters | time to resume | verdict | run |",
                            "|---|---|---|---|---|---|---|---|---|---|---|---|"),
                    Stream.concat(FaultSuite.EVERY_KIND.stream().filter(rows::containsKey).map(rows::get),
                            Stream.of("")))
                    .collect(Collectors.joining("\n", "", "\n"));
        });
    }

    private static String option(List<String> given, String name, String otherwise) {
        return given.stream().filter(arg -> arg.startsWith(name + "=")).map(arg -> arg.substring(name.length() + 1))
                .findFirst().orElse(otherwise);
    }
}
