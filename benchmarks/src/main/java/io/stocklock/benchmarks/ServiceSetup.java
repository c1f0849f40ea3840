package io.stocklock.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark's service processes are started with.
 *
 * @param settings     Spring Boot settings ({@code --name=value}) of stocklock and the reference service alike
 * @param hotLocations how many locations keep the hot SKU ({@link HotStock})
 */
record ServiceSetup(List<String> settings, int hotLocations) {

    static final ServiceSetup DEFAULT = new ServiceSetup(List.of(), 1);

    ServiceSetup {
        settings = List.copyOf(settings);
        if (hotLocations < 1) {
            throw new IllegalArgumentException("hot-locations is 1 or more, was " + hotLocations);
        }
    }

    /** This setup with {@code name=value} added, unless a setting of that name was given. */
    ServiceSetup withDefault(String name, String value) {
        if (settings.stream().anyMatch(setting -> setting.startsWith("--" + name + "="))) {
            return this;
        }
        List<String> more = new ArrayList<>(settings);
        more.add("--" + name + "=" + value);
        return new ServiceSetup(more, hotLocations);
    }
}
