package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(10);

    private final Reservation pending = Reservation.pending(
            new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of("A", 2)), HOLD), T0);

    @Test
    void reserveSetsDecisionTimeAndExpiry() {
        Reservation reserved = pending.reserve(T0.plusSeconds(1));
        assertThat(reserved.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reserved.decidedAt()).contains(T0.plusSeconds(1));
        assertThat(reserved.expiresAt()).contains(T0.plusSeconds(1).plus(HOLD));
    }

    @Test
    void aRejectionKeepsItsCodeAndReasonAndAFailureOnlyItsReason() {
        Reservation rejected = pending.reject(RejectionCode.UNKNOWN_SKU, "unknown SKU A", T0);
        assertThat(rejected.rejection()).contains(RejectionCode.UNKNOWN_SKU);
        assertThat(rejected.reason()).contains("unknown SKU A");
        Reservation failed = pending.fail("intake unavailable", T0);
        assertThat(failed.status()).isEqualTo(ReservationStatus.FAILED);
        assertThat(failed.rejection()).isEmpty();
        assertThat(OutcomeEvent.of(rejected, T0).rejection()).contains(RejectionCode.UNKNOWN_SKU);
        assertThat(OutcomeEvent.decisionOf(rejected).orElseThrow().rejection()).contains(RejectionCode.UNKNOWN_SKU);
        assertThatThrownBy(() -> new Reservation(rejected.id(), rejected.owner(), rejected.lines(), rejected.holdFor(),
                rejected.placement(), ReservationStatus.REJECTED, rejected.createdAt(), rejected.decidedAt(),
                rejected.expiresAt(), rejected.reason(), java.util.Optional.empty(), rejected.picks()))
                .as("a rejection without its code").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        Reservation reserved = pending.reserve(T0);
        assertThatThrownBy(() -> reserved.reject(RejectionCode.INSUFFICIENT_STOCK, "late", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reserved.reserve(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void confirmWithinTheHoldSells() {
        Transition transition = pending.reserve(T0).confirm(T0.plus(HOLD).minusMillis(1));
        assertThat(transition).isInstanceOf(Transition.Changed.class);
        assertThat(transition.current().status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(transition.current().confirm(T0).current().status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(transition.current().confirm(T0)).isInstanceOf(Transition.Unchanged.class);
    }

    @Test
    void confirmingAnExpiredHoldSaysExpired() {
        Reservation reserved = pending.reserve(T0);
        assertRefused(reserved.confirm(T0.plus(HOLD)), Transition.RefusalCode.HOLD_EXPIRED);
        Reservation expired = ((Transition.Changed) reserved.expire(T0.plus(HOLD))).current();
        assertRefused(expired.confirm(T0.plus(HOLD)), Transition.RefusalCode.HOLD_EXPIRED);
    }

    @Test
    void aLiveHoldIsExtendedFromNowUpToTheCapAndNeverShortened() {
        Duration cap = Duration.ofMinutes(30);
        Reservation reserved = pending.reserve(T0);

        Transition extended = reserved.extend(T0.plus(Duration.ofMinutes(8)), HOLD, cap);
        assertThat(extended).isInstanceOf(Transition.Changed.class);
        assertThat(extended.current().expiresAt()).contains(T0.plus(Duration.ofMinutes(18)));
        assertThat(extended.current().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(extended.current().picks()).isEqualTo(reserved.picks());
        // the request it was made from is unchanged, so a retry of the request still replays it
        assertThat(extended.current().matches(reserved.request())).isTrue();
        // asking for an end no later than the current one changes nothing
        assertThat(extended.current().extend(T0.plus(Duration.ofMinutes(9)), Duration.ofMinutes(1), cap))
                .isInstanceOf(Transition.Unchanged.class);
        // up to the cap from the decision, and not a second beyond it
        assertThat(extended.current().extend(T0.plus(Duration.ofMinutes(17)), Duration.ofMinutes(13), cap)
                .current().expiresAt()).contains(T0.plus(cap));
        assertRefused(extended.current().extend(T0.plus(Duration.ofMinutes(17)), Duration.ofMinutes(13).plusSeconds(1),
                cap), Transition.RefusalCode.HOLD_CAP_REACHED);
    }

    @Test
    void onlyALiveHoldCanBeExtended() {
        Duration cap = Duration.ofHours(1);
        Reservation reserved = pending.reserve(T0);
        assertRefused(reserved.extend(T0.plus(HOLD), HOLD, cap), Transition.RefusalCode.HOLD_EXPIRED);
        assertRefused(((Transition.Changed) reserved.expire(T0.plus(HOLD))).current().extend(T0, HOLD, cap),
                Transition.RefusalCode.HOLD_EXPIRED);
        assertRefused(((Transition.Changed) reserved.confirm(T0)).current().extend(T0, HOLD, cap),
                Transition.RefusalCode.ALREADY_CONFIRMED);
        assertRefused(((Transition.Changed) reserved.release()).current().extend(T0, HOLD, cap),
                Transition.RefusalCode.ALREADY_RELEASED);
        assertRefused(pending.extend(T0, HOLD, cap), Transition.RefusalCode.NOT_YET_DECIDED);
        assertRefused(pending.reject(RejectionCode.INSUFFICIENT_STOCK, "sold out", T0).extend(T0, HOLD, cap), Transition.RefusalCode.NOT_RESERVED);
    }

    @Test
    void releaseIsIdempotentAndRefusedAfterASale() {
        Reservation reserved = pending.reserve(T0);
        Reservation released = ((Transition.Changed) reserved.release()).current();
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.release()).isInstanceOf(Transition.Unchanged.class);
        assertRefused(released.confirm(T0), Transition.RefusalCode.ALREADY_RELEASED);
        Reservation confirmed = reserved.confirm(T0).current();
        assertRefused(confirmed.release(), Transition.RefusalCode.ALREADY_CONFIRMED);
    }

    @Test
    void expiryOnlyEndsHoldsWhoseTimeIsUp() {
        Reservation reserved = pending.reserve(T0);
        assertRefused(reserved.expire(T0.plus(HOLD).minusMillis(1)), Transition.RefusalCode.NOT_DUE);
        assertThat(reserved.expire(T0.plus(HOLD)).current().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertRefused(reserved.confirm(T0).current().expire(T0.plus(HOLD)), Transition.RefusalCode.NOT_RESERVED);
    }

    @Test
    void undecidedAndRejectedRequestsCannotBeConfirmedOrReleased() {
        assertRefused(pending.confirm(T0), Transition.RefusalCode.NOT_YET_DECIDED);
        assertRefused(pending.release(), Transition.RefusalCode.NOT_YET_DECIDED);
        Reservation rejected = pending.reject(RejectionCode.INSUFFICIENT_STOCK, "insufficient stock of A", T0);
        Transition refused = rejected.confirm(T0);
        assertRefused(refused, Transition.RefusalCode.NOT_RESERVED);
        assertThat(((Transition.Refused) refused).reason()).isEqualTo("the request was rejected: insufficient stock of A");
        assertRefused(pending.fail("bad", T0).release(), Transition.RefusalCode.NOT_RESERVED);
    }

    private static void assertRefused(Transition transition, Transition.RefusalCode code) {
        assertThat(transition).isInstanceOfSatisfying(Transition.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
