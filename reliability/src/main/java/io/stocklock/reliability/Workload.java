package io.stocklock.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What the clients ask for: 60% one unit or two of a hot SKU that sells out, 30% one of many cold SKUs, 10% two or
 * three SKUs at once. Holds are short, so that stock also comes back by expiry while the run goes on.
 */
record Workload(long hotStock, int coldSkus, long coldStock) {

    static final String HOT = "HOT";
    static final String PROBE = "PROBE";

    /** Every SKU with its stock, created before the clients start. */
    Map<String, Long> stock() {
        Map<String, Long> stock = new TreeMap<>();
        stock.put(HOT, hotStock);
        for (int i = 0; i < coldSkus; i++) {
            stock.put(cold(i), coldStock);
        }
        stock.put(PROBE, 1_000_000L);
        return stock;
    }

    /** A request body without owner and id: {@code {"lines":[...],"holdSeconds":n}}. */
    String nextRequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Integer> lines = new TreeMap<>();
        double dice = random.nextDouble();
        if (dice < 0.6) {
            lines.put(HOT, 1 + random.nextInt(2));
        } else if (dice < 0.9) {
            lines.put(cold(random.nextInt(coldSkus)), 1 + random.nextInt(2));
        } else {
            int count = 2 + random.nextInt(2);
            while (lines.size() < count) {
                lines.put(random.nextInt(4) == 0 ? HOT : cold(random.nextInt(coldSkus)), 1 + random.nextInt(2));
            }
        }
        return "{\"lines\":[%s],\"holdSeconds\":%d}".formatted(lines.entrySet().stream()
                .map(line -> "{\"sku\":\"%s\",\"quantity\":%d}".formatted(line.getKey(), line.getValue()))
                .collect(Collectors.joining(",")), 10 + random.nextInt(31));
    }

    /** The SKU a request record is keyed by: the smallest of its lines. */
    static String key(String request) {
        int at = request.indexOf("\"sku\":\"") + 7;
        return request.substring(at, request.indexOf('"', at));
    }

    /** Records the service must dead-letter, one of each kind; {@code null} is a tombstone. */
    static List<byte[]> poison(String requestId) {
        List<byte[]> records = new ArrayList<>();
        records.add("not json at all".getBytes());
        records.add(("{\"schemaVersion\":1,\"requestId\":\"" + requestId + "\",\"owner\":\"poison\",\"lines\":[{\"sku\":"
                + "\"HOT\",\"quantity\":0}]}").getBytes());
        records.add("{\"schemaVersion\":1,\"requestId\":\"".getBytes());
        records.add("{\"schemaVersion\":1,\"owner\":\"poison\",\"lines\":\"lots\"}".getBytes());
        records.add(null);
        return records;
    }

    private static String cold(int i) {
        return "SKU-%03d".formatted(i);
    }
}
