package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The door takes its requests for new, without looking for them first: a group that holds requests stored already
 * (a retry of one decided, one recorded by the asynchronous door, one whose key was used for another body) is
 * decided again, looking, and each request is decided exactly once.
 */
class DoorDecisionTest {

    private final PostgresPorts postgres = new PostgresPorts(2);
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Services services = Services.wire(postgres.ports, clock);

    @AfterEach
    void close() {
        postgres.dataSource.close();
    }

    @Test
    void aGroupWithRequestsStoredAlreadyDecidesEachOnce() {
        services.manageStock().create(new CreateStockCommand(Sku.of("DOOR"), 10));
        ReservationRequest decidedBefore = request("alice", 2);
        services.process().process(new ProcessReservationsCommand(List.of(decidedBefore)));
        ReservationRequest recorded = request("bob", 3);
        postgres.ports.transactions().inTransaction(() ->
                postgres.ports.reservations().insertIfAbsent(List.of(Reservation.pending(recorded, clock.instant()))));
        ReservationRequest reused = new ReservationRequest(decidedBefore.id(), "alice",
                List.of(ReservationLine.of("DOOR", 1)), Duration.ofHours(1));
        ReservationRequest fresh = request("carol", 4);

        List<RequestOutcome> outcomes = services.process().decideAtTheDoor(List.of(fresh, decidedBefore, recorded,
                reused, fresh));

        assertThat(outcomes).extracting(outcome -> outcome.getClass().getSimpleName()).containsExactly(
                "Decided", "AlreadyDecided", "Decided", "Conflicting", "AlreadyDecided");
        assertThat(postgres.ports.reservations().findAll(List.of(fresh.id(), decidedBefore.id(), recorded.id()))
                .values()).extracting(Reservation::status).containsOnly(ReservationStatus.RESERVED);
        assertThat(postgres.ports.inventory().find(Sku.of("DOOR")).orElseThrow().reserved()).isEqualTo(2 + 3 + 4);
        var invariants = new StockInvariants(postgres.jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(postgres.jdbc.sql("SELECT count(*) FROM outbox WHERE reservation_id = ANY(?)")
                .param(new UUID[] {fresh.id().value(), recorded.id().value()}).query(Long.class).single())
                .as("an event for each decision the door took").isEqualTo(2);
    }

    private static ReservationRequest request(String owner, long units) {
        return new ReservationRequest(ReservationId.generate(), owner, List.of(ReservationLine.of("DOOR", units)),
                Duration.ofHours(1));
    }
}
