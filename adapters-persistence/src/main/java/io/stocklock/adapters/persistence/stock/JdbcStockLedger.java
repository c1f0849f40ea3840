package io.stocklock.adapters.persistence.stock;

import io.stocklock.application.port.out.StockLedger;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The append-only {@code stock_movement} table. */
public class JdbcStockLedger implements StockLedger {

    private final JdbcClient jdbc;

    public JdbcStockLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(Collection<StockMovement> movements, Instant at) {
        if (movements.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO stock_movement (sku, location_id, kind, on_hand_delta, reserved_delta,
                                                    reservation_id, note, at)
                        SELECT sku, location_id, kind, on_hand_delta, reserved_delta, reservation_id, note,
                               ?::timestamptz
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::uuid[], ?::text[])
                             AS m(sku, location_id, kind, on_hand_delta, reserved_delta, reservation_id, note)
                        """)
                .param(at.toString())
                .param(movements.stream().map(movement -> movement.sku().value()).toArray(String[]::new))
                .param(movements.stream().map(movement -> movement.location().value()).toArray(String[]::new))
                .param(movements.stream().map(movement -> movement.kind().name()).toArray(String[]::new))
                .param(movements.stream().mapToLong(StockMovement::onHandDelta).toArray())
                .param(movements.stream().mapToLong(StockMovement::reservedDelta).toArray())
                .param(movements.stream()
                        .map(movement -> movement.reservationId().map(ReservationId::value).orElse(null))
                        .toArray(UUID[]::new))
                .param(movements.stream().map(StockMovement::note).toArray(String[]::new))
                .update();
    }

    @Override
    public List<LedgerEntry> history(Sku sku, long afterSequence, int limit) {
        return jdbc.sql("""
                        SELECT seq, sku, location_id, kind, on_hand_delta, reserved_delta, reservation_id, note, at
                        FROM stock_movement
                        WHERE sku = ? AND seq > ?
                        ORDER BY seq
                        LIMIT ?
                        """)
                .param(sku.value())
                .param(afterSequence)
                .param(limit)
                .query((rs, row) -> new LedgerEntry(rs.getLong("seq"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        new StockMovement(Sku.of(rs.getString("sku")),
                                LocationId.of(rs.getString("location_id")), rs.getLong("on_hand_delta"),
                                rs.getLong("reserved_delta"), StockMovement.Kind.valueOf(rs.getString("kind")),
                                Optional.ofNullable(rs.getObject("reservation_id", UUID.class)).map(ReservationId::new),
                                rs.getString("note"))))
                .list();
    }
}
