package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedLineTest {

    @Test
    void eachLineGetsItsOwnPicksAndTheirSums() {
        var lines = List.of(ReservationLine.of("A", 3), ReservationLine.of("B", 1));
        var picks = List.of(new Pick(Sku.of("A"), LocationId.of("east"), 1, 1),
                new Pick(Sku.of("A"), LocationId.DEFAULT, 2, 0));

        List<ServedLine> served = ServedLine.of(lines, picks);

        assertThat(served).extracting(ServedLine::held).containsExactly(true, false);
        assertThat(served.get(0).granted()).isEqualTo(3);
        assertThat(served.get(0).backordered()).isEqualTo(1);
        assertThat(served.get(1).picks()).isEmpty();
    }
}
