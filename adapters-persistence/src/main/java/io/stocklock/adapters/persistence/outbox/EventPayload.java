package io.stocklock.adapters.persistence.outbox;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code payload} of an outbox row: what its event reports of the reservation beyond the row's own columns, as
 * JSON.
 */
record EventPayload(String owner, List<Line> lines, List<Held> picks, String expiresAt, String rejection) {

    record Line(String sku, long quantity, long minimum) {
    }

    record Held(String sku, String location, long units, long backordered) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String json(OutcomeEvent event) {
        return JSON.writeValueAsString(new EventPayload(event.owner(),
                event.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value(),
                        line.minimum().value())).toList(),
                event.picks().stream().map(pick -> new Held(pick.sku().value(), pick.location().value(),
                        pick.units(), pick.backordered())).toList(),
                event.expiresAt().map(Instant::toString).orElse(null),
                event.rejection().map(RejectionCode::name).orElse(null)));
    }

    /** The event of a row: its columns, and its payload. */
    static OutcomeEvent read(UUID eventId, ReservationStatus status, ReservationId reservationId, Instant occurredAt,
                             Optional<String> reason, String json) {
        EventPayload payload = JSON.readValue(json, EventPayload.class);
        return new OutcomeEvent(eventId, status, reservationId, payload.owner(),
                payload.lines().stream().map(line -> new ReservationLine(Sku.of(line.sku()),
                        Quantity.of(line.quantity()), Quantity.of(line.minimum()))).toList(),
                payload.picks().stream().map(held -> new Pick(Sku.of(held.sku()), LocationId.of(held.location()),
                        held.units(), held.backordered())).toList(),
                occurredAt, Optional.ofNullable(payload.expiresAt()).map(Instant::parse), reason,
                Optional.ofNullable(payload.rejection()).map(RejectionCode::valueOf));
    }
}
