package io.stocklock.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every limit of the contract a reservation request is held to, whichever intake it came through: the one table the
 * value types check, the OpenAPI document is generated from, and the JSON schema (docs/schemas), the migration's
 * constraints and docs/api.md are tested against. What a deployment may tighten further is a
 * {@link io.stocklock.domain.reservation.ReservationPolicy}.
 */
public enum RequestLimit {
    /** Characters of a SKU, which also match {@link #SKU_PATTERN}. */
    SKU_LENGTH("sku", 1, 64),
    /** Characters of an owner (a token's subject, a Kafka record's {@code owner}). */
    OWNER_LENGTH("owner", 1, 128),
    /** Lines of one request. */
    LINES("lines", 1, 100),
    /** Units of one line, and of one SKU over all lines of a request. */
    QUANTITY("quantity", 1, 1_000_000_000L),
    /** Seconds a hold lasts once reserved: up to seven days. */
    HOLD_SECONDS("holdSeconds", 1, 7 * 24 * 3600),
    /** Bytes of a request: an HTTP body or a Kafka record's value. */
    REQUEST_BYTES("body", 1, 64 * 1024),
    /** Characters of an Idempotency-Key. */
    IDEMPOTENCY_KEY_LENGTH("Idempotency-Key", 1, 255);

    /**
     * Letters, digits and {@code . _ : -}, starting with a letter or digit: no {@code /}, so every SKU is one path
     * segment of {@code /inventory/{sku}}, and nothing a URL or a log line would have to escape.
     */
    public static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]*";

    private static final Pattern NAME = Pattern.compile(SKU_PATTERN);

    /**
     * A name by the SKU's rule (a SKU, a location, a sale): {@link #SKU_LENGTH} characters matching
     * {@link #SKU_PATTERN}.
     *
     * @param what the name's field, for the refusal
     * @return the value
     * @throws IllegalArgumentException saying the rule when the value breaks it
     */
    public static String requireName(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isEmpty() || value.length() > SKU_LENGTH.max() || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-" + SKU_LENGTH.max() + " characters of letters, "
                    + "digits and . _ : - starting with a letter or digit, was '" + value + "'");
        }
        return value;
    }

    /** The version of the request record on the Kafka intake that this service reads. */
    public static final int SCHEMA_VERSION = 1;

    private final String field;
    private final long min;
    private final long max;

    RequestLimit(String field, long min, long max) {
        this.field = field;
        this.min = min;
        this.max = max;
    }

    /** The field of the API the limit applies to. */
    public String field() {
        return field;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The range in the API's words, for refusals: {@code "quantity must be 1-1000000000"}. */
    public String rule() {
        return field + " must be " + min + "-" + max;
    }
}
