package io.stocklock.adapters.rest.stock;

import java.util.List;
import java.util.function.Function;

/** A page of a listing; {@code next} is the {@code after} of the next page, absent on the last one. */
record Page<T>(List<T> items, String next) {

    static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
        return new Page<>(items, items.size() < limit ? null : cursor.apply(items.get(items.size() - 1)));
    }
}
