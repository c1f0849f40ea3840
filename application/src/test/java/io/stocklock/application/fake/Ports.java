package io.stocklock.application.fake;

import io.stocklock.application.UseCases;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * One implementation of every outgoing port, plus a way to read back the events they were given: appended to the
 * outbox, and published directly.
 */
public record Ports(Transactions transactions, ReservationStore reservations, Inventory inventory, StockLedger ledger,
                    OutcomeEvents events, Outbox outbox, OutcomePublisher publisher, Sales sales,
                    StockLevelOutbox stockLevels, WaitingList waiting,
                    Supplier<List<OutcomeEvent>> appendedEvents,
                    Supplier<List<OutcomeEvent>> publishedEvents) {

    public UseCases.Ports forUseCases(Clock clock) {
        return new UseCases.Ports(transactions, reservations, inventory, ledger, events, outbox, publisher, sales,
                stockLevels, waiting, clock);
    }
}
