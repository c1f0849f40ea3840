package io.stocklock.adapters.persistence.stock;

import io.stocklock.application.port.out.StockLedger;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
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
        // filed under its reservation's creation (V14__ledger_partitioned_by_time.sql), the same for every movement
        // of a reservation, so that the index that refuses a double apply sees all of them in one partition
        jdbc.sql("""
                        INSERT INTO stock_movement (sku, location_id, kind, on_hand_delta, reserved_delta,
                                                    reservation_id, note, at, filed_at)
                        SELECT m.sku, m.location_id, m.kind, m.on_hand_delta, m.reserved_delta, m.reservation_id,
                               m.note, t.at, COALESCE(r.created_at, t.at)
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::uuid[], ?::text[])
                             AS m(sku, location_id, kind, on_hand_delta, reserved_delta, reservation_id, note)
                             CROSS JOIN (SELECT ?::timestamptz AS at) t
                             LEFT JOIN reservation r ON r.id = m.reservation_id
                        """)
                .param(movements.stream().map(movement -> movement.sku().value()).toArray(String[]::new))
                .param(movements.stream().map(movement -> movement.location().value()).toArray(String[]::new))
                .param(movements.stream().map(movement -> movement.kind().name()).toArray(String[]::new))
                .param(movements.stream().mapToLong(StockMovement::onHandDelta).toArray())
                .param(movements.stream().mapToLong(StockMovement::reservedDelta).toArray())
                .param(movements.stream()
                        .map(movement -> movement.reservationId().map(ReservationId::value).orElse(null))
                        .toArray(UUID[]::new))
                .param(movements.stream().map(StockMovement::note).toArray(String[]::new))
                .param(at.toString())
                .update();
    }

    /**
     * Adds the ledger's partitions, each {@code period} long, until {@code ahead} from now (the movements of a time
     * without one go to its default partition).
     *
     * @return how many it added
     */
    public int addPartitions(Duration period, Duration ahead) {
        return jdbc.sql("SELECT stock_movement_partitions_ahead(?::interval, ?::interval)")
                .param(period.toString())
                .param(ahead.toString())
                .query(Integer.class)
                .single();
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
