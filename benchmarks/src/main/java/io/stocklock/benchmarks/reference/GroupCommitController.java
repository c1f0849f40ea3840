package io.stocklock.benchmarks.reference;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare group commit, as a team would write one to beat the per-request lock: the requests that arrive while one
 * group is written are decided together in one transaction (one sorted {@code SELECT ... FOR UPDATE}, one
 * {@code UPDATE}, one multi-row {@code INSERT}) and answered after the commit. No idempotency, no ledger, no events,
 * no retries: what stocklock's door costs beyond it is the price of its guarantees.
 */
@RestController
class GroupCommitController {

    private record Pending(UUID id, String owner, Map<String, Long> wanted,
                           CompletableFuture<ResponseEntity<Map<String, Object>>> answer) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Pending> arrivals = new LinkedBlockingQueue<>(10_000);

    GroupCommitController(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        Thread writer = new Thread(this::writeGroups, "group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    @PostMapping("/group-commit")
    CompletableFuture<ResponseEntity<Map<String, Object>>> reserve(@RequestBody PerRequestLockController.Order order,
                                                                   Principal caller) {
        Map<String, Long> wanted = order.lines().stream()
                .collect(Collectors.toMap(PerRequestLockController.Line::sku, PerRequestLockController.Line::quantity,
                        Long::sum));
        var pending = new Pending(UUID.randomUUID(), caller.getName(), wanted, new CompletableFuture<>());
        if (!arrivals.offer(pending)) {
            return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build());
        }
        return pending.answer();
    }

    private void writeGroups() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            try {
                group.add(arrivals.take());
            } catch (InterruptedException e) {
                return;
            }
            arrivals.drainTo(group, 999);
            try {
                List<String> statuses = transaction.execute(tx -> decide(group));
                for (int i = 0; i < group.size(); i++) {
                    boolean reserved = "RESERVED".equals(statuses.get(i));
                    group.get(i).answer().complete(ResponseEntity
                            .status(reserved ? HttpStatus.CREATED : HttpStatus.CONFLICT)
                            .body(Map.of("id", group.get(i).id().toString(), "status", statuses.get(i))));
                }
            } catch (RuntimeException e) {
                group.forEach(pending -> pending.answer().completeExceptionally(e));
            }
        }
    }

    private List<String> decide(List<Pending> group) {
        var skus = new TreeSet<String>();
        group.forEach(pending -> skus.addAll(pending.wanted().keySet()));
        Map<String, Long> available = new HashMap<>(jdbc.sql("""
                        SELECT sku, on_hand - reserved AS available FROM reference.inventory
                        WHERE sku = ANY(?) ORDER BY sku FOR UPDATE""")
                .param(skus.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getLong("available")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        Map<String, Long> taken = new HashMap<>();
        List<String> statuses = new ArrayList<>(group.size());
        for (Pending pending : group) {
            boolean enough = pending.wanted().entrySet().stream()
                    .allMatch(line -> available.getOrDefault(line.getKey(), 0L) >= line.getValue());
            if (enough) {
                pending.wanted().forEach((sku, quantity) -> {
                    available.merge(sku, -quantity, Long::sum);
                    taken.merge(sku, quantity, Long::sum);
                });
            }
            statuses.add(enough ? "RESERVED" : "REJECTED");
        }
        if (!taken.isEmpty()) {
            jdbc.sql("""
                            UPDATE reference.inventory i SET reserved = i.reserved + t.quantity
                            FROM unnest(?::text[], ?::bigint[]) AS t(sku, quantity) WHERE i.sku = t.sku""")
                    .param(taken.keySet().toArray(String[]::new))
                    .param(taken.values().toArray(Long[]::new))
                    .update();
        }
        jdbc.sql("""
                        INSERT INTO reference.reservation_request (id, owner, lines, status, created_at)
                        SELECT id, owner, lines, status, now()
                        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS r(id, owner, lines, status)""")
                .param(group.stream().map(Pending::id).toArray(UUID[]::new))
                .param(group.stream().map(Pending::owner).toArray(String[]::new))
                .param(group.stream().map(pending -> pending.wanted().toString()).toArray(String[]::new))
                .param(statuses.toArray(String[]::new))
                .update();
        return statuses;
    }
}
