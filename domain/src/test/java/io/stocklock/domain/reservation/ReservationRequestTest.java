package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.domain.stock.Quantity;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationRequestTest {

    private static final ReservationId ID = ReservationId.generate();
    private static final Duration HOLD = Duration.ofMinutes(15);

    @Test
    void sumsDuplicateLinesAndSortsBySku() {
        var request = new ReservationRequest(ID, "alice",
                List.of(ReservationLine.of("B", 1), ReservationLine.of("A", 2), ReservationLine.of("B", 3)), HOLD);
        assertThat(request.lines()).containsExactly(ReservationLine.of("A", 2), ReservationLine.of("B", 4));
    }

    @Test
    void fingerprintIgnoresLineOrderButNotContent() {
        var one = new ReservationRequest(ID, "alice", List.of(ReservationLine.of("A", 1), ReservationLine.of("B", 2)), HOLD);
        var same = new ReservationRequest(ID, "alice", List.of(ReservationLine.of("B", 2), ReservationLine.of("A", 1)), HOLD);
        var other = new ReservationRequest(ID, "alice", List.of(ReservationLine.of("B", 3), ReservationLine.of("A", 1)), HOLD);
        assertThat(one.fingerprint()).isEqualTo(same.fingerprint()).isNotEqualTo(other.fingerprint());
    }

    @Test
    void needsAtLeastOneAndAtMostMaxLines() {
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", List.of(), HOLD))
                .hasMessageContaining("1-100 lines");
        var tooMany = Collections.nCopies(ReservationRequest.MAX_LINES + 1, ReservationLine.of("A", 1));
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", tooMany, HOLD)).hasMessageContaining("lines");
    }

    @Test
    void summedQuantityMustStillBeAQuantity() {
        var lines = List.of(ReservationLine.of("A", Quantity.MAX), ReservationLine.of("A", 1));
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", lines, HOLD))
                .hasMessageContaining("total quantity of A");
    }

    @Test
    void ownerAndHoldAreValidated() {
        var lines = List.of(ReservationLine.of("A", 1));
        assertThatThrownBy(() -> new ReservationRequest(ID, " ", lines, HOLD)).hasMessageContaining("owner");
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", lines, Duration.ZERO)).hasMessageContaining("hold");
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", lines, Duration.ofDays(8))).hasMessageContaining("hold");
        assertThatThrownBy(() -> new ReservationRequest(ID, "alice", lines, Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
    }
}
