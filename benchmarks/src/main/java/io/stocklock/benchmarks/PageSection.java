package io.stocklock.benchmarks;

import java.util.List;

/**
 * A section of docs/benchmarks.md that a run of its own writes ({@code only=door}, {@code only=drain},
 * {@code only=flash-sale}), between
 * two markers, so that the other runs keep it.
 */
record PageSection(String run) {

    static final PageSection DOOR = new PageSection("door");
    static final PageSection DRAIN = new PageSection("drain");
    static final PageSection FLASH_SALE = new PageSection("flash-sale");
    static final List<PageSection> ALL = List.of(DOOR, DRAIN, FLASH_SALE);

    private String start() {
        return "<!-- only=" + run + ": from here to its end marker, written by the " + run + " run -->";
    }

    private String end() {
        return "<!-- end of only=" + run + " -->";
    }

    /** The page with {@code section} in place of this run's earlier one, or added at its end. */
    String into(String page, String section) {
        int start = page.indexOf(start());
        int end = page.indexOf(end());
        String block = start() + "\n" + section.stripTrailing() + "\n" + end();
        return start >= 0 && end > start
                ? page.substring(0, start) + block + page.substring(end + end().length())
                : page.stripTrailing() + "\n\n" + block + "\n";
    }

    /** This run's section of the page, markers included, or empty if it has none. */
    String in(String page) {
        int start = page.indexOf(start());
        int end = page.indexOf(end());
        return start >= 0 && end > start ? page.substring(start, end + end().length()) : "";
    }
}
