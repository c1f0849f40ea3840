package io.stocklock.domain.stock;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the constants the contracts name exactly: no other case, no abbreviation. */
public final class Names {

    private Names() {
    }

    public static <E extends Enum<E>> E of(Class<E> type, String what, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + " must be one of " + Arrays.stream(
                        type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                        + ", was '" + name + "'"));
    }
}
