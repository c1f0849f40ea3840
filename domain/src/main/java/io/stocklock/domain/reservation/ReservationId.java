package io.stocklock.domain.reservation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/** Identifies one reservation request; supplied by the client or generated. It is what makes processing idempotent. */
public record ReservationId(UUID value) implements Comparable<ReservationId> {

    public ReservationId {
        Objects.requireNonNull(value, "reservation id must not be null");
    }

    /**
     * Each thread draws from a generator of its own: {@link UUID#randomUUID()} shares one {@code SecureRandom} whose
     * lock, with hundreds of request threads on two cores, held requests up for tens of milliseconds.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ReservationId::strongRandom);

    /**
     * A time-ordered (version 7) UUID: the milliseconds since the epoch, then 74 random bits. Ids generated one after
     * the other sort near each other, so a reservation's rows go to the right-hand pages of the indexes keyed by its
     * id instead of to random ones all over them (docs/adr/0024-lighter-decision-writes.md).
     */
    public static ReservationId generate() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (40 - 8 * i));
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70); // version 7
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long high = ByteBuffer.wrap(bytes, 0, 8).getLong();
        long low = ByteBuffer.wrap(bytes, 8, 8).getLong();
        return new ReservationId(new UUID(high, low));
    }

    private static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * The id one caller's idempotency key stands for: an HMAC-SHA256 of caller and key under the service's secret,
     * as a UUID (version 8). The same caller and key always give the same id, and nobody who does not know the
     * secret can tell it from the caller and the key, or the key from the id.
     */
    public static ReservationId keyed(byte[] secret, String caller, String key) {
        byte[] mac = hmacSha256(secret, (caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
        mac[6] = (byte) ((mac[6] & 0x0f) | 0x80); // version 8: custom
        mac[8] = (byte) ((mac[8] & 0x3f) | 0x80); // IETF variant
        return new ReservationId(new UUID(ByteBuffer.wrap(mac, 0, 8).getLong(), ByteBuffer.wrap(mac, 8, 8).getLong()));
    }

    /** RFC 2104 over SHA-256, with the JDK's message digest only. */
    private static byte[] hmacSha256(byte[] secret, byte[] message) {
        MessageDigest sha256 = sha256();
        byte[] key = secret.length > 64 ? sha256.digest(secret) : secret;
        byte[] inner = new byte[64];
        byte[] outer = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        sha256.update(inner);
        byte[] innerHash = sha256.digest(message);
        sha256.update(outer);
        return sha256.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static ReservationId parse(String text) {
        try {
            return new ReservationId(UUID.fromString(Objects.requireNonNull(text, "reservation id must not be null")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reservation id must be a UUID, was '" + text + "'", e);
        }
    }

    /** Orders ids the way PostgreSQL orders {@code uuid} values, so locks are taken in one global order. */
    @Override
    public int compareTo(ReservationId other) {
        return value.toString().compareTo(other.value.toString());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
