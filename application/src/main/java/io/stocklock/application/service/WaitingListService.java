package io.stocklock.application.service;

import io.stocklock.application.port.in.WaitForStock;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

public class WaitingListService implements WaitForStock {

    private final Transactions transactions;
    private final Inventory inventory;
    private final WaitingList waiting;
    private final ReservationPolicy policy;
    private final long maxPerSku;
    private final Clock clock;

    /** @param maxPerSku most entries waiting for one SKU at once */
    public WaitingListService(Transactions transactions, Inventory inventory, WaitingList waiting,
                              ReservationPolicy policy, long maxPerSku, Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.waiting = waiting;
        this.policy = policy;
        this.maxPerSku = maxPerSku;
        this.clock = clock;
    }

    /** Under the SKU's lock, which a decision takes too: no request is served between the check and the joining. */
    @Override
    public JoinResult join(JoinCommand command) {
        return transactions.inTransaction(() -> {
            SkuStock stock = inventory.lock(List.of(command.sku())).get(command.sku());
            if (stock == null) {
                return new JoinResult.UnknownSku(command.sku());
            }
            var entry = new WaitingEntry(ReservationId.generate(), command.sku(), command.owner(), command.quantity(),
                    command.holdFor(), clock.instant(), WaitingEntry.Status.WAITING);
            Optional<String> beyond = policy.refusal(entry.offer());
            if (beyond.isPresent()) {
                return new JoinResult.BeyondLimits(beyond.get());
            }
            WaitingList.Line line = waiting.line(command.sku(), command.owner());
            if (line.owners().isPresent()) {
                return new JoinResult.AlreadyWaiting(line.owners().get());
            }
            if (line.waiting() == 0 && !WaitingEntry.servedNext(stock, List.of(entry), policy).isEmpty()) {
                return new JoinResult.InStock(command.sku(), stock.available());
            }
            if (line.waiting() >= maxPerSku) {
                return new JoinResult.ListFull(command.sku(), line.waiting());
            }
            waiting.add(entry);
            return new JoinResult.Joined(new Place(entry, Optional.of(line.waiting() + 1)));
        });
    }

    @Override
    public Optional<Place> find(ReservationId id, String owner) {
        return waiting.find(id).filter(entry -> entry.owner().equals(owner))
                .map(entry -> new Place(entry, waiting.position(id)));
    }

    @Override
    public Optional<LeaveResult> leave(ReservationId id, String owner) {
        return transactions.inTransaction(() -> waiting.find(id).filter(entry -> entry.owner().equals(owner))
                .map(entry -> waiting.remove(id) ? LeaveResult.LEFT : LeaveResult.ALREADY_OFFERED));
    }
}
