package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ReservationIdTest {

    @Test
    void idsGeneratedInLaterMillisecondsSortAfterEarlierOnes() {
        ReservationId earlier = ReservationId.generate();
        ReservationId later = earlier;
        // drawn until the clock has moved on, for a second at most
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (millisOf(later) == millisOf(earlier) && System.nanoTime() < giveUp) {
            later = ReservationId.generate();
        }

        assertThat(millisOf(later)).isGreaterThan(millisOf(earlier));
        assertThat(later).isGreaterThan(earlier);
    }

    private static long millisOf(ReservationId id) {
        return id.value().getMostSignificantBits() >>> 16;
    }

    @Test
    void generatedIdsAreTimeOrderedVersion7UuidsAndUniqueAcrossThreads() throws Exception {
        long before = System.currentTimeMillis();
        Set<ReservationId> ids = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    ids.add(ReservationId.generate());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        long after = System.currentTimeMillis();

        assertThat(ids).hasSize(80_000).allSatisfy(id -> {
            assertThat(id.value().version()).isEqualTo(7);
            assertThat(millisOf(id)).as("its time").isBetween(before, after);
            assertThat(id.value().variant()).isEqualTo(2);
            assertThat(ReservationId.parse(id.toString())).isEqualTo(id);
        });
    }

    @Test
    void aKeyedIdIsTheHmacOfCallerAndKeyUnderTheSecret() throws Exception {
        byte[] secret = "a secret of the service, 32 bytes or more".getBytes(StandardCharsets.UTF_8);
        ReservationId id = ReservationId.keyed(secret, "alice", "order-17");

        // the same as the JDK's own HMAC, with the version and variant bits of a version 8 UUID
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
        ByteBuffer expected = ByteBuffer.wrap(hmac.doFinal("alice\norder-17".getBytes(StandardCharsets.UTF_8)));
        long high = (expected.getLong(0) & ~0xF000L) | 0x8000L;
        long low = (expected.getLong(8) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        assertThat(id.value()).isEqualTo(new UUID(high, low));
        assertThat(id.value().version()).isEqualTo(8);
        assertThat(id.value().variant()).isEqualTo(2);

        assertThat(ReservationId.keyed(secret, "alice", "order-17")).isEqualTo(id);
        assertThat(ReservationId.keyed(secret, "bob", "order-17")).isNotEqualTo(id);
        assertThat(ReservationId.keyed(secret, "alice", "order-18")).isNotEqualTo(id);
        assertThat(ReservationId.keyed("another secret of the service, 32 bytes".getBytes(StandardCharsets.UTF_8),
                "alice", "order-17")).isNotEqualTo(id);
        // the name-based UUID of caller and key, which anyone could compute, is not it
        assertThat(id.value()).isNotEqualTo(UUID.nameUUIDFromBytes("alice\norder-17".getBytes(StandardCharsets.UTF_8)));
    }
}
