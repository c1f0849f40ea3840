package io.stocklock.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklock.domain.reservation.ReservationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "sku-1", "shoe.42:red-XL", "9_lives"})
    void acceptsReasonableSkus(String value) {
        assertThat(Sku.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-leading-dash", "has space", "semi;colon", "é", "shoe/XL", "../etc", "a%2Fb"})
    void refusesMalformedSkus(String value) {
        assertThatThrownBy(() -> Sku.of(value)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sku");
    }

    @Test
    void refusesOverlongSku() {
        assertThat(Sku.of("a".repeat(Sku.MAX_LENGTH))).isNotNull();
        assertThatThrownBy(() -> Sku.of("a".repeat(Sku.MAX_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, 1_000_000_001L, Long.MAX_VALUE})
    void quantityIsPositiveAndBounded(long value) {
        assertThatThrownBy(() -> Quantity.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void reservationIdParsesUuidsAndSaysWhatIsWrong() {
        ReservationId id = ReservationId.generate();
        assertThat(ReservationId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ReservationId.parse("not-a-uuid")).hasMessageContaining("must be a UUID");
    }

    @Test
    void reservationIdsOrderLikePostgresUuids() {
        ReservationId low = ReservationId.parse("00000000-0000-0000-0000-00000000000f");
        ReservationId high = ReservationId.parse("f0000000-0000-0000-0000-000000000000");
        // UUID.compareTo compares signed longs and would put high first
        assertThat(low).isLessThan(high);
    }
}
