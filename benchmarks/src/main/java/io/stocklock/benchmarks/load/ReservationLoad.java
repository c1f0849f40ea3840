package io.stocklock.benchmarks.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.stocklock.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Buyers reserving over HTTP, arriving at a constant rate whether or not earlier ones were answered (Gatling's open
 * injection model: no coordinated omission). Works against any deployment of stocklock, or any endpoint that takes
 * the same body; every setting is a system property:
 *
 * <ul>
 *   <li>{@code base-url} (http://localhost:8080), {@code path} (/reservations)</li>
 *   <li>{@code token}: one bearer token for every buyer; or {@code secret}: the HS256 secret to sign one token per
 *       buyer with, for {@code callers} distinct buyers (1000)</li>
 *   <li>{@code sku} (one hot SKU), or {@code sku-count} SKUs named by {@code sku-format} (SKU-%05d), chosen uniformly</li>
 *   <li>{@code rate} (requests per second), {@code seconds} (how long they arrive and are measured), after
 *       {@code warm-up} seconds (10) in which the rate rises from a tenth to all of it, not measured (the JIT
 *       compilers of the load generator and the service at work)</li>
 *   <li>{@code prefer}: a {@code Prefer} header, such as {@code wait=10}</li>
 *   <li>{@code answers}: a file to write every answer to ({@code status id}), and a summary beside it
 *       ({@code .summary})</li>
 * </ul>
 */
public class ReservationLoad extends Simulation {

    private static final String BASE_URL = System.getProperty("base-url", "http://localhost:8080");
    private static final String PATH = System.getProperty("path", "/reservations");
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "100"));
    private static final int SECONDS = Integer.parseInt(System.getProperty("seconds", "10"));
    private static final int WARM_UP = Integer.parseInt(System.getProperty("warm-up", "10"));
    private static final String PREFER = System.getProperty("prefer", "");
    private static final String ANSWERS = System.getProperty("answers", "");

    private final List<String> tokens = tokens();
    private final List<String> skus = skus();
    private final Answers answers = new Answers();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .shareConnections()
            .contentTypeHeader("application/json")
            .acceptHeader("application/json, application/problem+json");

    private final Iterator<Map<String, Object>> buyers = Stream.generate(() -> Map.<String, Object>of(
            "token", tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())),
            "sku", skus.get(ThreadLocalRandom.current().nextInt(skus.size())))).iterator();

    private final ScenarioBuilder reserve = scenario("buyers").feed(buyers)
            .exec(session -> session.set("measured", answers.measuring()))
            .exec(request())
            .exec(session -> {
                answers.count();
                if (session.getBoolean("measured")) {
                    answers.record(session.contains("status") ? session.getInt("status") : 0,
                            session.contains("ms") ? session.getInt("ms") : -1,
                            session.contains("id") ? session.getString("id") : "-");
                }
                return session;
            });

    {
        answers.measureAfter(Duration.ofSeconds(WARM_UP));
        setUp(reserve.injectOpen(
                rampUsersPerSec(Math.max(1, RATE / 10)).to(RATE).during(Duration.ofSeconds(WARM_UP)),
                constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(WARM_UP + SECONDS + 60L));
    }

    private static HttpRequestActionBuilder request() {
        HttpRequestActionBuilder post = http("reserve").post(PATH)
                .header("Authorization", "#{token}")
                .body(StringBody("{\"lines\":[{\"sku\":\"#{sku}\",\"quantity\":1}],\"holdSeconds\":600}"))
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("ms"),
                        regex("\"id\":\"([0-9a-f-]{36})\"").optional().saveAs("id"),
                        status().in(200, 201, 202, 409));
        return PREFER.isEmpty() ? post : post.header("Prefer", PREFER);
    }

    @Override
    public void after() {
        if (!ANSWERS.isEmpty()) {
            answers.write(Path.of(ANSWERS), RATE, SECONDS);
        }
    }

    private static List<String> tokens() {
        String token = System.getProperty("token");
        if (token != null) {
            return List.of(token.startsWith("Bearer ") ? token : "Bearer " + token);
        }
        String secret = System.getProperty("secret", TestTokens.SECRET);
        int callers = Integer.parseInt(System.getProperty("callers", "1000"));
        return IntStream.range(0, callers).mapToObj(i -> TestTokens.bearer("buyer-" + i,
                "reservations:read reservations:write", Duration.ofHours(12), secret)).toList();
    }

    private static List<String> skus() {
        String count = System.getProperty("sku-count");
        if (count == null) {
            return List.of(System.getProperty("sku", "HOT"));
        }
        String format = System.getProperty("sku-format", "SKU-%05d");
        return IntStream.range(0, Integer.parseInt(count)).mapToObj(format::formatted).toList();
    }
}
