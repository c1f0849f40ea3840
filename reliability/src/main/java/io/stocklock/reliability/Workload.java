package io.stocklock.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What the clients ask for: 55% one unit or two of a hot SKU that sells out, kept at three locations, with every kind
 * of placement; 5% one to three units of a SKU that is backordered once it runs out; 30% one of many cold SKUs; 10%
 * two or three SKUs at once. Holds are short, so that stock also comes back by expiry while the run goes on.
 *
 * @param longestHold the longest hold asked for, in seconds: holds last 10 s (or this, if shorter) up to this, and the
 *                    service settles after the run once the last of them lapsed
 */
record Workload(long hotStock, int coldSkus, long coldStock, int longestHold) {

    static final String HOT = "HOT";
    static final String BACKORDERED = "BACK";
    static final String PROBE = "PROBE";
    static final List<String> LOCATIONS = List.of("default", "east", "west");

    /** A request that sets up the stock before the clients start. */
    record Seed(String method, String path, String body) {
    }

    /**
     * The locations, every SKU with its stock (the hot one split over three locations, the backordered one over two,
     * each of those allowed 30 units beyond what it has) and the backordered SKU's policy.
     */
    List<Seed> seed() {
        List<Seed> seed = new ArrayList<>();
        seed.add(new Seed("PUT", "/locations/east", "{\"name\":\"East\",\"priority\":1}"));
        seed.add(new Seed("PUT", "/locations/west", "{\"name\":\"West\",\"priority\":2}"));
        seed.add(stock(HOT, "default", hotStock / 2, 0));
        seed.add(stock(HOT, "east", hotStock / 4, 0));
        seed.add(stock(HOT, "west", hotStock - hotStock / 2 - hotStock / 4, 0));
        seed.add(stock(BACKORDERED, "default", 50, 30));
        seed.add(stock(BACKORDERED, "east", 50, 30));
        seed.add(new Seed("PUT", "/inventory/" + BACKORDERED + "/policy", "{\"shortStock\":\"BACKORDER\"}"));
        for (int i = 0; i < coldSkus; i++) {
            seed.add(stock(cold(i), "default", coldStock, 0));
        }
        seed.add(stock(PROBE, "default", 1_000_000L, 0));
        return seed;
    }

    private static Seed stock(String sku, String location, long onHand, long backorderLimit) {
        return new Seed("POST", "/inventory", "{\"sku\":\"%s\",\"onHand\":%d,\"location\":\"%s\",\"backorderLimit\":%d}"
                .formatted(sku, onHand, location, backorderLimit));
    }

    /** A request body without owner and id: {@code {"lines":[...],"holdSeconds":n[,"placement":{...}]}}. */
    String nextRequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Integer> lines = new TreeMap<>();
        double dice = random.nextDouble();
        if (dice < 0.55) {
            lines.put(HOT, 1 + random.nextInt(2));
        } else if (dice < 0.6) {
            lines.put(BACKORDERED, 1 + random.nextInt(3));
        } else if (dice < 0.9) {
            lines.put(cold(random.nextInt(coldSkus)), 1 + random.nextInt(2));
        } else {
            int count = 2 + random.nextInt(2);
            while (lines.size() < count) {
                lines.put(random.nextInt(4) == 0 ? HOT : cold(random.nextInt(coldSkus)), 1 + random.nextInt(2));
            }
        }
        int shortest = Math.min(10, longestHold);
        String placement = switch (random.nextInt(5)) {
            case 0 -> ",\"placement\":{\"split\":true}";
            case 1 -> ",\"placement\":{\"order\":\"MOST_IN_STOCK\"}";
            case 2 -> ",\"placement\":{\"location\":\"%s\"}".formatted(LOCATIONS.get(random.nextInt(3)));
            default -> "";
        };
        return "{\"lines\":[%s],\"holdSeconds\":%d%s}".formatted(lines.entrySet().stream()
                .map(line -> "{\"sku\":\"%s\",\"quantity\":%d}".formatted(line.getKey(), line.getValue()))
                .collect(Collectors.joining(",")), shortest + random.nextInt(longestHold - shortest + 1), placement);
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
