package io.stocklock.adapters.rest;

import io.stocklock.application.port.out.Transactions;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** The door's transactions, which a test can hold before they begin, to see a request while it is in flight. */
class HeldTransactions implements Transactions {

    private final Transactions transactions;
    private volatile CountDownLatch held = new CountDownLatch(0);

    HeldTransactions(Transactions transactions) {
        this.transactions = transactions;
    }

    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
        return transactions.inTransaction(work);
    }
}
