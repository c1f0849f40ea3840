package io.stocklock.domain.ledger;

import io.stocklock.domain.reservation.RejectionCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The movements and the event of each transition are derived from the status it leads to, here and nowhere else. */
class StockMovementTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Reservation pending = Reservation.pending(new ReservationRequest(ReservationId.generate(), "alice",
            List.of(ReservationLine.of("A", 2), ReservationLine.of("B", 1)), Duration.ofMinutes(5)), T0);
    private final Reservation reserved = pending.reserve(T0);

    @Test
    void reservingHoldsEveryLine() {
        assertThat(StockMovement.of(reserved)).containsExactly(
                movement(StockMovement.Kind.RESERVED, "A", 0, 2),
                movement(StockMovement.Kind.RESERVED, "B", 0, 1));
    }

    @Test
    void confirmingSellsAndReleasingOrExpiringGivesBack() {
        assertThat(StockMovement.of(reserved.confirm(T0).current())).containsExactly(
                movement(StockMovement.Kind.CONFIRMED, "A", -2, -2),
                movement(StockMovement.Kind.CONFIRMED, "B", -1, -1));
        assertThat(StockMovement.of(reserved.release().current())).extracting(StockMovement::kind,
                StockMovement::onHandDelta, StockMovement::reservedDelta).containsExactly(
                tuple(StockMovement.Kind.RELEASED, 0L, -2L), tuple(StockMovement.Kind.RELEASED, 0L, -1L));
        assertThat(StockMovement.of(reserved.expire(T0.plus(Duration.ofMinutes(5))).current()))
                .extracting(StockMovement::kind).containsOnly(StockMovement.Kind.EXPIRED);
    }

    @Test
    void requestsThatHoldNothingMovedNothing() {
        assertThat(StockMovement.of(pending)).isEmpty();
        assertThat(StockMovement.of(pending.reject(RejectionCode.INSUFFICIENT_STOCK, "no", T0))).isEmpty();
        assertThat(StockMovement.of(pending.fail("unreadable", T0))).isEmpty();
    }

    @Test
    void everyStatusButPendingNamesItsEvent() {
        assertThat(ReservationStatus.RESERVED.eventName()).isEqualTo("ReservationReserved");
        assertThat(ReservationStatus.EXPIRED.eventName()).isEqualTo("ReservationExpired");
        assertThatThrownBy(ReservationStatus.PENDING::eventName).isInstanceOf(IllegalStateException.class);
    }

    private StockMovement movement(StockMovement.Kind kind, String sku, long onHandDelta, long reservedDelta) {
        return new StockMovement(Sku.of(sku), LocationId.DEFAULT, onHandDelta, reservedDelta, kind,
                Optional.of(reserved.id()), "");
    }
}
