package io.stocklock.domain.reservation;

import java.nio.ByteBuffer;
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

    /** A random (version 4) UUID, as unguessable as {@link UUID#randomUUID()}. */
    public static ReservationId generate() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
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
