package io.stocklock.domain.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReservationIdTest {

    @Test
    void generatedIdsAreRandomVersion4UuidsAndUniqueAcrossThreads() throws Exception {
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

        assertThat(ids).hasSize(80_000).allSatisfy(id -> {
            assertThat(id.value().version()).isEqualTo(4);
            assertThat(id.value().variant()).isEqualTo(2);
            assertThat(ReservationId.parse(id.toString())).isEqualTo(id);
        });
    }
}
