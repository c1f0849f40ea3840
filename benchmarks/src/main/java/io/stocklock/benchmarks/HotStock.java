package io.stocklock.benchmarks;

import io.stocklock.testsupport.TestTokens;
import io.stocklock.testsupport.process.ServiceInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The hot SKU, created through the service's API: at {@code default}, and at {@code locations} - 1 more locations of
 * lower priority ({@code hot-locations}), each with all of {@code onHand}, so that requests are served by the first
 * while every decision locks every row.
 */
final class HotStock {

    private HotStock() {
    }

    static void create(HttpClient http, ServiceInstance service, String sku, long onHand, int locations)
            throws Exception {
        send(http, service, "POST", "/inventory", "{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + "}");
        for (int i = 1; i < locations; i++) {
            send(http, service, "PUT", "/locations/L" + i, "{\"name\":\"Location " + i + "\",\"priority\":" + i + "}");
            send(http, service, "POST", "/inventory", "{\"sku\":\"" + sku + "\",\"onHand\":" + onHand
                    + ",\"location\":\"L" + i + "\"}");
        }
    }

    private static void send(HttpClient http, ServiceInstance service, String method, String path, String body)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(service.uri(path))
                .header("Authorization", TestTokens.bearer("benchmark", TestTokens.ALL_SCOPES, Duration.ofHours(2),
                        TestTokens.SECRET))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && answer.statusCode() != 201) {
            throw new IllegalStateException(method + " " + path + ": " + answer.body());
        }
    }
}
