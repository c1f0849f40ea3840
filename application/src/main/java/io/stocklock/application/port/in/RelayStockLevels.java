package io.stocklock.application.port.in;

/** Publishes the stock-level events the outbox holds, oldest first, at least once, one relay at a time. */
public interface RelayStockLevels {

    /** @return how many events were published; 0 also when another instance is relaying */
    int relay(int limit);
}
