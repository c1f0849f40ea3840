package io.stocklock.benchmarks;

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
}
