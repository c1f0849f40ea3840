package io.stocklock.adapters.rest.stock;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/** A page of a listing; {@code next} is the {@code after} of the next page, absent on the last one. */
record Page<T>(List<T> items,
               @Schema(nullable = true, description = "the after of the next page; null on the last page")
               String next) {

    static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
        return new Page<>(items, items.size() < limit ? null : cursor.apply(items.get(items.size() - 1)));
    }
}
