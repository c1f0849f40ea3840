package io.stocklock.domain.stock;

import java.util.Objects;

/**
 * A place that keeps stock, with the priority it is served in when requests are served by priority (lower first).
 */
public record Location(LocationId id, String name, int priority) {

    public static final int MAX_NAME_LENGTH = 200;

    public Location {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a location's name must be 1-" + MAX_NAME_LENGTH
                    + " characters, not blank");
        }
        if (priority < 0) {
            throw new IllegalArgumentException("a location's priority must not be negative, was " + priority);
        }
    }
}
