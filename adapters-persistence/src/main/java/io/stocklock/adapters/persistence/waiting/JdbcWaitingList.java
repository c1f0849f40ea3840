package io.stocklock.adapters.persistence.waiting;

import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.waiting.WaitingEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code waiting_entry} table: each SKU's line, in the order buyers joined it ({@code seq}). */
public class JdbcWaitingList implements WaitingList {

    private static final String ENTRY = "SELECT id, sku, owner, quantity, hold_seconds, joined_at, status "
            + "FROM waiting_entry ";

    private final JdbcClient jdbc;

    public JdbcWaitingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Line line(Sku sku, String owner) {
        return jdbc.sql("""
                        SELECT count(*) AS waiting, (array_agg(id) FILTER (WHERE owner = :owner))[1] AS owners
                        FROM waiting_entry WHERE sku = :sku AND status = 'WAITING'
                        """)
                .param("sku", sku.value())
                .param("owner", owner)
                .query((row, n) -> new Line(row.getLong("waiting"),
                        Optional.ofNullable(row.getObject("owners", UUID.class)).map(ReservationId::new)))
                .single();
    }

    @Override
    public void add(WaitingEntry entry) {
        jdbc.sql("""
                        INSERT INTO waiting_entry (id, sku, owner, quantity, hold_seconds, joined_at, status)
                        VALUES (:id, :sku, :owner, :quantity, :hold, :joinedAt, 'WAITING')
                        """)
                .param("id", entry.id().value())
                .param("sku", entry.sku().value())
                .param("owner", entry.owner())
                .param("quantity", entry.quantity().value())
                .param("hold", entry.holdFor().toSeconds())
                .param("joinedAt", entry.joinedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public Optional<WaitingEntry> find(ReservationId id) {
        return jdbc.sql(ENTRY + "WHERE id = ?").param(id.value()).query(JdbcWaitingList::entry).optional();
    }

    @Override
    public Optional<Long> position(ReservationId id) {
        return jdbc.sql("""
                        SELECT count(*) FROM waiting_entry w JOIN waiting_entry me ON me.sku = w.sku
                        WHERE me.id = ? AND me.status = 'WAITING' AND w.status = 'WAITING' AND w.seq <= me.seq
                        """)
                .param(id.value())
                .query(Long.class)
                .optional()
                .filter(position -> position > 0);
    }

    @Override
    public boolean remove(ReservationId id) {
        return jdbc.sql("DELETE FROM waiting_entry WHERE id = ? AND status = 'WAITING'").param(id.value())
                .update() == 1;
    }

    @Override
    public Set<Sku> waitedFor(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        Set<Sku> waited = new HashSet<>();
        jdbc.sql("SELECT DISTINCT sku FROM waiting_entry WHERE sku = ANY(?) AND status = 'WAITING'")
                .param(skus.stream().map(Sku::value).toArray(String[]::new))
                .query((row, n) -> waited.add(Sku.of(row.getString("sku"))))
                .list();
        return waited;
    }

    @Override
    public List<Sku> servable(int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT w.sku FROM waiting_entry w
                        WHERE w.status = 'WAITING' AND EXISTS (
                            SELECT 1 FROM inventory i
                            WHERE i.sku = w.sku AND i.reserved < i.on_hand + i.backorder_limit)
                        LIMIT ?
                        """)
                .param(limit)
                .query((row, n) -> Sku.of(row.getString("sku")))
                .list();
    }

    @Override
    public List<WaitingEntry> lockWaiting(Sku sku, int limit) {
        return jdbc.sql(ENTRY + "WHERE sku = ? AND status = 'WAITING' ORDER BY seq LIMIT ? FOR UPDATE")
                .param(sku.value())
                .param(limit)
                .query(JdbcWaitingList::entry)
                .list();
    }

    @Override
    public void markOffered(Collection<ReservationId> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE waiting_entry SET status = 'OFFERED', offered_at = ? WHERE id = ANY(?)")
                    .param(at.atOffset(ZoneOffset.UTC))
                    .param(ids.stream().map(ReservationId::value).toArray(UUID[]::new))
                    .update();
        }
    }

    private static WaitingEntry entry(ResultSet row, int n) throws SQLException {
        return new WaitingEntry(new ReservationId(row.getObject("id", UUID.class)), Sku.of(row.getString("sku")),
                row.getString("owner"), Quantity.of(row.getLong("quantity")),
                Duration.ofSeconds(row.getLong("hold_seconds")),
                row.getObject("joined_at", OffsetDateTime.class).toInstant(),
                WaitingEntry.Status.valueOf(row.getString("status")));
    }
}
