package io.stocklock.adapters.kafka.request;

import io.stocklock.adapters.json.StrictJson;
import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.reservation.ReservationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates a request record, as strictly as the HTTP intake reads a body ({@link StrictJson}). Anything
 * that is not a valid request throws {@link InvalidRequestException}; wrapped in spring-kafka's
 * {@code ErrorHandlingDeserializer}, the record then reaches the listener without a value and goes to the dead-letter
 * topic with its original bytes.
 */
public class ReservationRequestDeserializer implements Deserializer<ReservationRequest> {

    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final JsonMapper json = StrictJson.mapper();
    private static final long MAX_BYTES = RequestLimit.REQUEST_BYTES.max();
    private static final Pattern OWNER = Pattern.compile("\"owner\"\\s*:\\s*\"([^\"\\\\]{1,"
            + RequestLimit.OWNER_LENGTH.max() + "})\"");

    /** Consumer setting: how long a hold lasts when the request does not say (an ISO-8601 duration). */
    public static final String DEFAULT_HOLD_CONFIG = "stocklock.default-hold";

    private Duration defaultHold;

    /** Made by the Kafka client, which passes {@value #DEFAULT_HOLD_CONFIG} to {@link #configure}. */
    public ReservationRequestDeserializer() {
    }

    public ReservationRequestDeserializer(Duration defaultHold) {
        this.defaultHold = defaultHold;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object hold = configs.get(DEFAULT_HOLD_CONFIG);
        if (hold == null) {
            throw new IllegalArgumentException("the consumer setting " + DEFAULT_HOLD_CONFIG + " is missing");
        }
        defaultHold = Duration.parse(hold.toString());
    }

    @Override
    public ReservationRequest deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone: the listener turns it away
        }
        if (data.length > MAX_BYTES) {
            throw invalid("oversize: " + data.length + " bytes, at most " + MAX_BYTES + " accepted", data, null);
        }
        ReservationRequestMessage message;
        try {
            message = json.readValue(data, ReservationRequestMessage.class);
        } catch (JacksonException e) {
            throw invalid("not a readable request: " + StrictJson.describe(e), data, null);
        }
        if (message == null) {
            throw invalid("not a readable request: JSON null", data, null);
        }
        try {
            return message.toDomain(defaultHold);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException("invalid request: " + e.getMessage(), message.requestId(),
                    message.owner(), true, e);
        }
    }

    private static InvalidRequestException invalid(String reason, byte[] data, Throwable cause) {
        // the id is recovered from the raw text when it can be, so the client's request can be marked FAILED
        String text = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.UTF_8);
        return new InvalidRequestException(reason, find(REQUEST_ID, text), find(OWNER, text), true, cause);
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
