package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import java.util.List;
import java.util.Objects;

/**
 * A line of a reservation as asked, with the picks that serve it: none until the reservation is reserved.
 */
public record ServedLine(ReservationLine line, List<Pick> picks) {

    public ServedLine {
        Objects.requireNonNull(line, "line");
        picks = List.copyOf(picks);
    }

    /** Each line with its own picks, in the order of the lines. */
    public static List<ServedLine> of(List<ReservationLine> lines, List<Pick> picks) {
        return lines.stream()
                .map(line -> new ServedLine(line,
                        picks.stream().filter(pick -> pick.sku().equals(line.sku())).toList()))
                .toList();
    }

    /** Whether units are (or were) held for it. */
    public boolean held() {
        return !picks.isEmpty();
    }

    /** Units held: what the line asked, or less under a partial policy. */
    public long granted() {
        return picks.stream().mapToLong(Pick::units).sum();
    }

    /** Of the granted units, those promised beyond what the locations had. */
    public long backordered() {
        return picks.stream().mapToLong(Pick::backordered).sum();
    }
}
