package io.stocklock.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a decision's time goes: wraps the ports the use case calls and adds up the time spent in each method. The
 * transaction port wraps all the others, so what it takes beyond them is the commit (and the use case's own work).
 */
final class TimeSpent {

    static final String TRANSACTION = "Transactions.inTransaction";

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    <T> T timed(Class<T> port, T target) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            long start = System.nanoTime();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                nanos.computeIfAbsent(port.getSimpleName() + "." + method.getName(), name -> new LongAdder())
                        .add(System.nanoTime() - start);
            }
        });
        return port.cast(proxy);
    }

    void reset() {
        nanos.clear();
    }

    /** Milliseconds per {@code units} (a batch, say) in each port method, largest first, and the commit. */
    Map<String, Double> millisPer(long units) {
        Map<String, Double> result = new LinkedHashMap<>();
        long inside = nanos.entrySet().stream().filter(entry -> !entry.getKey().equals(TRANSACTION))
                .mapToLong(entry -> entry.getValue().sum()).sum();
        nanos.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(TRANSACTION))
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(entry -> result.put(entry.getKey(), entry.getValue().sum() / 1e6 / units));
        LongAdder transaction = nanos.get(TRANSACTION);
        if (transaction != null) {
            result.put("commit and the rest of the transaction", (transaction.sum() - inside) / 1e6 / units);
        }
        return result;
    }
}
