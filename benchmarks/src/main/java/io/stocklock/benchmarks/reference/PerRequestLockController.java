package io.stocklock.benchmarks.reference;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The classic per-request reservation: one transaction locks the request's SKUs ({@code SELECT ... FOR UPDATE}, in
 * SKU order), checks, updates the stock and inserts the request row with its status, and the answer is the
 * decision: 201 reserved, 409 rejected.
 */
@RestController
class PerRequestLockController {

    record Line(String sku, long quantity) {
    }

    record Order(List<Line> lines, Long holdSeconds) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    PerRequestLockController(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @PostMapping("/reservations")
    ResponseEntity<Map<String, Object>> reserve(@RequestBody Order order, Principal caller) {
        Map<String, Long> wanted = order.lines().stream()
                .collect(Collectors.toMap(Line::sku, Line::quantity, Long::sum));
        UUID id = UUID.randomUUID();
        String status = transaction.execute(tx -> {
            Map<String, Long> available = jdbc.sql("""
                            SELECT sku, on_hand - reserved AS available FROM reference.inventory
                            WHERE sku = ANY(?) ORDER BY sku FOR UPDATE""")
                    .param(wanted.keySet().stream().sorted(Comparator.naturalOrder()).toArray(String[]::new))
                    .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getLong("available")))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            boolean enough = wanted.entrySet().stream()
                    .allMatch(line -> available.getOrDefault(line.getKey(), 0L) >= line.getValue());
            if (enough) {
                wanted.forEach((sku, quantity) -> jdbc.sql(
                                "UPDATE reference.inventory SET reserved = reserved + ? WHERE sku = ?")
                        .param(quantity).param(sku).update());
            }
            String decided = enough ? "RESERVED" : "REJECTED";
            jdbc.sql("""
                            INSERT INTO reference.reservation_request (id, owner, lines, status, created_at)
                            VALUES (?, ?, ?, ?, now())""")
                    .param(id).param(caller.getName()).param(wanted.toString()).param(decided).update();
            return decided;
        });
        return ResponseEntity.status("RESERVED".equals(status) ? HttpStatus.CREATED : HttpStatus.CONFLICT)
                .body(Map.of("id", id.toString(), "status", status));
    }

    @PostMapping("/noop")
    Map<String, Object> noop(Principal caller) {
        return Map.of("caller", caller.getName());
    }
}
