package io.stocklock.adapters.rest.waiting;

import io.stocklock.adapters.rest.Caller;
import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.port.in.WaitForStock.JoinCommand;
import io.stocklock.application.port.in.WaitForStock.JoinResult;
import io.stocklock.application.port.in.WaitForStock.LeaveResult;
import io.stocklock.application.port.in.WaitForStock.Place;
import io.stocklock.application.port.in.WaitForStock;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.waiting.WaitingEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A buyer's place on a sold-out SKU's waiting list. What comes back of the SKU is offered first come, first served,
 * as a hold: the reservation whose id is the entry's ({@code GET /reservations/{id}}, and its ReservationReserved
 * event), to confirm before it expires.
 */
@RestController
@Tag(name = "waiting lists")
@RequestMapping(path = "/waiting-list", produces = "application/json")
class WaitingListController {

    private final WaitForStock waitForStock;
    private final RestSettings settings;

    WaitingListController(WaitForStock waitForStock, RestSettings settings) {
        this.waitForStock = waitForStock;
        this.settings = settings;
    }

    record JoinRequest(@Schema(example = "TICKET-GA") String sku, @Schema(example = "2") Long quantity,
                       @Schema(description = "how long the offer is held for the buyer to confirm it, in seconds; "
                               + "the service's default hold when absent", example = "600") Long holdSeconds) {
    }

    /**
     * @param position    1 for the first in line; null once offered
     * @param reservation the offer, once offered: the reservation with the entry's id
     */
    record EntryResponse(String id, String sku, long quantity, long holdSeconds,
                         @Schema(allowableValues = {"WAITING", "OFFERED"}) String status,
                         @Schema(nullable = true, description = "1 for the first in line; null once offered")
                         Long position, String joinedAt,
                         @Schema(nullable = true, description = "the offer, once offered: the reservation with "
                                 + "the entry's id") String reservation) {

        static EntryResponse from(Place place) {
            WaitingEntry entry = place.entry();
            boolean offered = entry.status() == WaitingEntry.Status.OFFERED;
            return new EntryResponse(entry.id().toString(), entry.sku().value(), entry.quantity().value(),
                    entry.holdFor().toSeconds(), entry.status().name(), place.position().orElse(null),
                    entry.joinedAt().toString(), offered ? "/reservations/" + entry.id() : null);
        }
    }

    @Operation(summary = "Wait for a sold-out SKU: join its waiting list",
            description = "Offers are made first come, first served, when the units the first in line asks for are "
                    + "back; meanwhile the SKU is refused to requests of buyers not in line.")
    @ApiResponse(responseCode = "201", description = "in line; Location is the entry")
    @OperationContract(scope = "reservations:write", problems = {Problems.UNKNOWN_SKU_REQUESTED, Problems.IN_STOCK,
            Problems.ALREADY_WAITING, Problems.WAITING_LIST_FULL, Problems.QUANTITY_LIMIT})
    @PostMapping(consumes = "application/json")
    ResponseEntity<EntryResponse> joinWaitingList(@RequestBody JoinRequest body, Principal caller) {
        if (body.sku() == null || body.quantity() == null) {
            throw new IllegalArgumentException("sku and quantity are required");
        }
        Duration hold = body.holdSeconds() == null ? settings.defaultHold() : Duration.ofSeconds(body.holdSeconds());
        JoinResult result = waitForStock.join(new JoinCommand(Sku.of(body.sku()), Caller.of(caller),
                Quantity.of(body.quantity()), hold));
        if (result instanceof JoinResult.Joined joined) {
            EntryResponse entry = EntryResponse.from(joined.place());
            return ResponseEntity.created(URI.create("/waiting-list/" + entry.id())).body(entry);
        }
        if (result instanceof JoinResult.UnknownSku unknown) {
            throw Problems.UNKNOWN_SKU_REQUESTED.exception("unknown SKU " + unknown.sku());
        }
        if (result instanceof JoinResult.InStock inStock) {
            throw Problems.IN_STOCK.exception(inStock.available() + " units of " + inStock.sku()
                    + " are available and nobody waits for them: reserve them");
        }
        if (result instanceof JoinResult.AlreadyWaiting already) {
            throw Problems.ALREADY_WAITING.exception("you wait for this SKU already: /waiting-list/"
                    + already.entry());
        }
        if (result instanceof JoinResult.ListFull full) {
            throw Problems.WAITING_LIST_FULL.exception(full.waiting() + " buyers wait for " + full.sku()
                    + " already, as many as may");
        }
        throw Problems.QUANTITY_LIMIT.exception(((JoinResult.BeyondLimits) result).reason());
    }

    @Operation(summary = "Your place in line, or the offer you got")
    @OperationContract(scope = "reservations:read", problems = Problems.NOT_FOUND)
    @GetMapping("/{id}")
    EntryResponse getWaitingEntry(@PathVariable String id, Principal caller) {
        return waitForStock.find(ReservationId.parse(id), Caller.of(caller)).map(EntryResponse::from)
                .orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "Leave the line")
    @ApiResponse(responseCode = "204", description = "left")
    @OperationContract(scope = "reservations:write", problems = {Problems.NOT_FOUND, Problems.ALREADY_OFFERED})
    @DeleteMapping("/{id}")
    ResponseEntity<Void> leaveWaitingList(@PathVariable String id, Principal caller) {
        LeaveResult left = waitForStock.leave(ReservationId.parse(id), Caller.of(caller))
                .orElseThrow(() -> notFound(id));
        if (left == LeaveResult.ALREADY_OFFERED) {
            throw Problems.ALREADY_OFFERED.exception("the units were offered: release /reservations/" + id
                    + " instead");
        }
        return ResponseEntity.noContent().build();
    }

    private static Problems.ProblemException notFound(String id) {
        return Problems.NOT_FOUND.exception("no waiting-list entry " + id);
    }
}
