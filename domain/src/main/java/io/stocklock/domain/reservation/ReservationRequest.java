package io.stocklock.domain.reservation;

import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A request to hold stock: all of its lines or none. Lines for the same SKU are summed (their quantities and their
 * minimums) and the lines are kept in ascending SKU order, so equal requests look equal whatever order their lines
 * came in.
 *
 * @param placement which locations may serve it; the deployment's default placement when empty
 */
public record ReservationRequest(ReservationId id, String owner, List<ReservationLine> lines, Duration holdFor,
                                 Optional<Placement> placement) {

    public static final int MAX_LINES = (int) RequestLimit.LINES.max();
    public static final int MAX_OWNER_LENGTH = (int) RequestLimit.OWNER_LENGTH.max();
    public static final Duration MAX_HOLD = Duration.ofSeconds(RequestLimit.HOLD_SECONDS.max());

    public ReservationRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(holdFor, "holdFor");
        Objects.requireNonNull(placement, "placement");
        if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("owner must be 1-" + MAX_OWNER_LENGTH + " characters, not blank");
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("a reservation needs 1-" + MAX_LINES + " lines, had " + lines.size());
        }
        if (holdFor.isNegative() || holdFor.isZero() || holdFor.compareTo(MAX_HOLD) > 0 || holdFor.getNano() != 0) {
            throw new IllegalArgumentException(RequestLimit.HOLD_SECONDS.rule() + " whole seconds, was "
                    + (holdFor.getNano() == 0 ? Long.toString(holdFor.getSeconds()) : holdFor.toMillis() / 1000.0));
        }
        lines = mergeBySku(lines);
    }

    /** A request served by the deployment's default placement. */
    public ReservationRequest(ReservationId id, String owner, List<ReservationLine> lines, Duration holdFor) {
        this(id, owner, lines, holdFor, Optional.empty());
    }

    private static List<ReservationLine> mergeBySku(List<ReservationLine> lines) {
        Map<Sku, long[]> totals = new TreeMap<>();
        for (ReservationLine line : lines) {
            Objects.requireNonNull(line, "line");
            long[] total = totals.computeIfAbsent(line.sku(), sku -> new long[2]);
            total[0] += line.quantity().value();
            total[1] += line.minimum().value();
        }
        return totals.entrySet().stream()
                .map(total -> {
                    if (total.getValue()[0] > Quantity.MAX) {
                        throw new IllegalArgumentException("total quantity of " + total.getKey() + " must not exceed "
                                + Quantity.MAX + ", was " + total.getValue()[0]);
                    }
                    return new ReservationLine(total.getKey(), Quantity.of(total.getValue()[0]),
                            Quantity.of(total.getValue()[1]));
                })
                .toList();
    }

    /** A canonical text of everything the request asks for; two submissions with one id must agree on it. */
    public String fingerprint() {
        return owner + '|' + holdFor.toSeconds() + '|' + lines.stream()
                .map(line -> line.sku() + "=" + line.quantity() + (line.acceptsPart() ? ">=" + line.minimum() : ""))
                .collect(Collectors.joining(","))
                + placement.map(where -> "|" + where.only().map(Object::toString).orElse("*") + ',' + where.order()
                + ',' + where.split()).orElse("");
    }
}
