package io.stocklock.adapters.persistence;

import io.stocklock.application.port.out.Transactions;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Transactions through Spring's {@link TransactionTemplate}: the work runs on one connection, committed or rolled back. */
public class JdbcTransactions implements Transactions {

    private final TransactionTemplate template;

    public JdbcTransactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
