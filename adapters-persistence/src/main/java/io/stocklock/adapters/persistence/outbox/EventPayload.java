package io.stocklock.adapters.persistence.outbox;

import io.stocklock.application.port.out.Outbox.PendingOutcome;
import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The {@code payload} of an outbox row: what its event reports of the reservation, as JSON. */
record EventPayload(String owner, List<Line> lines, List<Held> picks, String expiresAt) {

    record Line(String sku, long quantity, long minimum) {
    }

    record Held(String sku, String location, long units, long backordered) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String json(PendingOutcome outcome) {
        return JSON.writeValueAsString(new EventPayload(outcome.owner(),
                outcome.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value(),
                        line.minimum().value())).toList(),
                outcome.picks().stream().map(pick -> new Held(pick.sku().value(), pick.location().value(),
                        pick.units(), pick.backordered())).toList(),
                outcome.expiresAt().map(Instant::toString).orElse(null)));
    }

    static PendingOutcome read(OutcomeEvent event, String json) {
        EventPayload payload = JSON.readValue(json, EventPayload.class);
        return new PendingOutcome(event, payload.owner(),
                payload.lines().stream().map(line -> new ReservationLine(Sku.of(line.sku()),
                        Quantity.of(line.quantity()), Quantity.of(line.minimum()))).toList(),
                payload.picks().stream().map(held -> new Pick(Sku.of(held.sku()), LocationId.of(held.location()),
                        held.units(), held.backordered())).toList(),
                Optional.ofNullable(payload.expiresAt()).map(Instant::parse));
    }
}
