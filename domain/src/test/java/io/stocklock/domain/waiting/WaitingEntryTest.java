package io.stocklock.domain.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.reservation.Allocation;
import io.stocklock.domain.reservation.Decision;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.SaleLimits;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingEntryTest {

    private static final Sku A = Sku.of("A");

    @Test
    void theLineIsServedFromItsFrontUntilTheFirstEntryThatDoesNotFit() {
        var first = entry("ann", 2);
        var second = entry("bob", 3);
        var third = entry("cat", 1);
        var line = List.of(first, second, third);

        assertThat(WaitingEntry.servedNext(available(4), line, ReservationPolicy.DEFAULTS))
                .as("bob wants 3 of the 2 left: cat, behind him, waits too").containsExactly(first);
        assertThat(WaitingEntry.servedNext(available(6), line, ReservationPolicy.DEFAULTS)).containsExactly(first,
                second, third);
        assertThat(WaitingEntry.servedNext(available(1), line, ReservationPolicy.DEFAULTS)).isEmpty();
    }

    @Test
    void aBuyerBeyondALimitDoesNotHoldTheLineUp() {
        var tooMany = entry("ann", 3);
        var next = entry("bob", 1);
        var policy = new ReservationPolicy(2, Duration.ofHours(1), Long.MAX_VALUE);

        assertThat(WaitingEntry.servedNext(available(5), List.of(tooMany, next), policy))
                .containsExactly(tooMany, next);
    }

    @Test
    void aSkuBuyersWaitForIsRefusedToNewcomers() {
        var newcomer = new ReservationRequest(ReservationId.generate(), "dan", List.of(ReservationLine.of("A", 1)),
                Duration.ofMinutes(5));

        Decision decision = Allocation.decide(List.of(available(10)), List.of(newcomer), ReservationPolicy.DEFAULTS,
                Map.of(), SaleLimits.NONE, Set.of(A)).decisions().get(0);

        assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(RejectionCode.INSUFFICIENT_STOCK);
            assertThat(rejected.reason()).isEqualTo(
                    "insufficient stock of A: buyers are waiting for it; join its waiting list");
        });
    }

    private static SkuStock available(long units) {
        return SkuStock.of(new StockLevel(A, 100, 100 - units));
    }

    private static WaitingEntry entry(String owner, long quantity) {
        return new WaitingEntry(ReservationId.generate(), A, owner, Quantity.of(quantity), Duration.ofMinutes(10),
                Instant.parse("2026-12-06T10:00:00Z"), WaitingEntry.Status.WAITING);
    }
}
