package io.stocklock.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: all of it commits or none of it does. Row locks taken inside are held
 * until the work returns.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
