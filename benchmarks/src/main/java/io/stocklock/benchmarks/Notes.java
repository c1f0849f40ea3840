package io.stocklock.benchmarks;

/** The part of docs/benchmarks.md that explains the figures; the figures themselves come from the run. */
final class Notes {

    static final String TEXT = """

            ## Reading the results

            NOTES
            """;

    private Notes() {
    }
}
