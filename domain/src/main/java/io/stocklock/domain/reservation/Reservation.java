package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.stock.LocationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reservation request and where it is in its lifecycle. Transitions that a caller may ask for (confirm,
 * release, expire) answer with a {@link Transition}; asking for an illegal one is an outcome, not an error.
 *
 * @param reason    why it was rejected or failed, in words
 * @param rejection why it was rejected, as a code: present exactly when it is
 * @param picks     which location holds how many units of which line, from the moment it is reserved (confirm,
 *                  release and expiry move the same units at the same locations); none while pending, rejected or
 *                  failed
 */
public record Reservation(ReservationId id, String owner, List<ReservationLine> lines, Duration holdFor,
                          Optional<Placement> placement, ReservationStatus status, Instant createdAt,
                          Optional<Instant> decidedAt, Optional<Instant> expiresAt, Optional<String> reason,
                          Optional<RejectionCode> rejection, List<Pick> picks) {

    public Reservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        lines = List.copyOf(lines);
        Objects.requireNonNull(holdFor, "holdFor");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        if ((status == ReservationStatus.REJECTED) != rejection.isPresent()) {
            throw new IllegalStateException("reservation " + id + " is " + status + " so it must "
                    + (rejection.isPresent() ? "not " : "") + "have a rejection code");
        }
        if (status.isDecided() != decidedAt.isPresent()) {
            throw new IllegalStateException("reservation " + id + " is " + status + " so it must "
                    + (status.isDecided() ? "" : "not ") + "have a decision time");
        }
        picks = List.copyOf(picks);
        if (status.holdsOrHeld() == picks.isEmpty()) {
            throw new IllegalStateException("reservation " + id + " is " + status + " so it must "
                    + (status.holdsOrHeld() ? "" : "not ") + "say where its units are held");
        }
    }

    public static Reservation pending(ReservationRequest request, Instant now) {
        return new Reservation(request.id(), request.owner(), request.lines(), request.holdFor(), request.placement(),
                ReservationStatus.PENDING, now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
    }

    /**
     * A request that failed before anything could be read of what it asks for (unreadable or invalid input): it is
     * recorded with its id so that the client can see why, but it has no lines and holds nothing.
     */
    public static Reservation failedOnArrival(ReservationId id, String owner, String why, Instant now) {
        return new Reservation(id, owner, List.of(), Duration.ZERO, Optional.empty(), ReservationStatus.FAILED, now,
                Optional.of(now), Optional.empty(), Optional.of(why), Optional.empty(), List.of());
    }

    public ReservationRequest request() {
        return new ReservationRequest(id, owner, lines, holdFor, placement);
    }

    /** Whether this reservation was made from exactly this request (the same id may not ask for anything else). */
    public boolean matches(ReservationRequest request) {
        return id.equals(request.id()) && owner.equals(request.owner()) && lines.equals(request.lines())
                && holdFor.equals(request.holdFor()) && placement.equals(request.placement());
    }

    /** The stock is held until {@code now + holdFor}, every line in full at the default location. */
    public Reservation reserve(Instant now) {
        return reserve(now, lines.stream()
                .map(line -> new Pick(line.sku(), LocationId.DEFAULT, line.quantity().value(), 0))
                .toList());
    }

    /** The stock is held until {@code now + holdFor} where the picks say. */
    public Reservation reserve(Instant now, List<Pick> held) {
        requirePending();
        return new Reservation(id, owner, lines, holdFor, placement, ReservationStatus.RESERVED, createdAt,
                Optional.of(now), Optional.of(now.plus(holdFor)), Optional.empty(), Optional.empty(), held);
    }


    public Reservation reject(RejectionCode code, String why, Instant now) {
        requirePending();
        return new Reservation(id, owner, lines, holdFor, placement, ReservationStatus.REJECTED, createdAt,
                Optional.of(now), Optional.empty(), Optional.of(why), Optional.of(code), List.of());
    }

    /** The request could not be processed (bad input, intake unavailable); no stock was touched. */
    public Reservation fail(String why, Instant now) {
        requirePending();
        return new Reservation(id, owner, lines, holdFor, placement, ReservationStatus.FAILED, createdAt,
                Optional.of(now), Optional.empty(), Optional.of(why), Optional.empty(), List.of());
    }

    /** Turns a hold into a sale, if the hold is still alive. */
    public Transition confirm(Instant now) {
        return switch (status) {
            case RESERVED -> isLapsed(now)
                    ? refuse(Transition.RefusalCode.HOLD_EXPIRED, "the hold expired at " + expiresAt.orElseThrow())
                    : changed(ReservationStatus.CONFIRMED);
            case CONFIRMED -> new Transition.Unchanged(this);
            case EXPIRED -> refuse(Transition.RefusalCode.HOLD_EXPIRED, "the hold expired at " + expiresAt.orElseThrow());
            case RELEASED -> refuse(Transition.RefusalCode.ALREADY_RELEASED, "the hold was released");
            case PENDING -> refuse(Transition.RefusalCode.NOT_YET_DECIDED, "the request is not decided yet");
            case REJECTED, FAILED -> refuse(Transition.RefusalCode.NOT_RESERVED, "the request was " + describe());
        };
    }

    /** Gives the held stock back. Releasing something already released or expired changes nothing. */
    public Transition release() {
        return switch (status) {
            case RESERVED -> changed(ReservationStatus.RELEASED);
            case RELEASED, EXPIRED -> new Transition.Unchanged(this);
            case CONFIRMED -> refuse(Transition.RefusalCode.ALREADY_CONFIRMED, "the reservation was confirmed");
            case PENDING -> refuse(Transition.RefusalCode.NOT_YET_DECIDED, "the request is not decided yet");
            case REJECTED, FAILED -> refuse(Transition.RefusalCode.NOT_RESERVED, "the request was " + describe());
        };
    }

    /**
     * Holds the units until {@code now + lasting} (a checkout that takes longer than expected), if the hold is still
     * alive: at most {@code cap} after it began (its decision), and never shorter than it already is, so asking again
     * changes nothing.
     */
    public Transition extend(Instant now, Duration lasting, Duration cap) {
        return switch (status) {
            case RESERVED -> {
                Instant end = expiresAt.orElseThrow();
                Instant until = now.plus(lasting);
                Instant latest = decidedAt.orElseThrow().plus(cap);
                if (isLapsed(now)) {
                    yield refuse(Transition.RefusalCode.HOLD_EXPIRED, "the hold expired at " + end);
                }
                if (!until.isAfter(end)) {
                    yield new Transition.Unchanged(this);
                }
                if (until.isAfter(latest)) {
                    yield refuse(Transition.RefusalCode.HOLD_CAP_REACHED, "a hold lasts at most " + cap.toSeconds()
                            + " seconds from its start: this one may last until " + latest + ", not until " + until);
                }
                yield new Transition.Changed(this, new Reservation(id, owner, lines, holdFor, placement, status,
                        createdAt, decidedAt, Optional.of(until), reason, rejection, picks));
            }
            case EXPIRED -> refuse(Transition.RefusalCode.HOLD_EXPIRED, "the hold expired at " + expiresAt.orElseThrow());
            case CONFIRMED -> refuse(Transition.RefusalCode.ALREADY_CONFIRMED, "the reservation was confirmed");
            case RELEASED -> refuse(Transition.RefusalCode.ALREADY_RELEASED, "the hold was released");
            case PENDING -> refuse(Transition.RefusalCode.NOT_YET_DECIDED, "the request is not decided yet");
            case REJECTED, FAILED -> refuse(Transition.RefusalCode.NOT_RESERVED, "the request was " + describe());
        };
    }

    /** Ends a hold whose time is up. */
    public Transition expire(Instant now) {
        if (status == ReservationStatus.EXPIRED) {
            return new Transition.Unchanged(this);
        }
        if (status != ReservationStatus.RESERVED) {
            return refuse(Transition.RefusalCode.NOT_RESERVED, "the reservation is " + describe());
        }
        if (!isLapsed(now)) {
            return refuse(Transition.RefusalCode.NOT_DUE, "the hold lasts until " + expiresAt.orElseThrow());
        }
        return changed(ReservationStatus.EXPIRED);
    }

    public boolean isLapsed(Instant now) {
        return expiresAt.map(end -> !now.isBefore(end)).orElse(false);
    }

    private String describe() {
        return status.name().toLowerCase() + reason.map(why -> ": " + why).orElse("");
    }

    private void requirePending() {
        if (status != ReservationStatus.PENDING) {
            throw new IllegalStateException("reservation " + id + " is already decided: " + status);
        }
    }

    private Transition changed(ReservationStatus newStatus) {
        return new Transition.Changed(this, new Reservation(id, owner, lines, holdFor, placement, newStatus,
                createdAt, decidedAt, expiresAt, reason, rejection, picks));
    }

    private Transition refuse(Transition.RefusalCode code, String why) {
        return new Transition.Refused(this, code, why);
    }
}
