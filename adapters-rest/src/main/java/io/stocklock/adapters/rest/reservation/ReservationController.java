package io.stocklock.adapters.rest.reservation;

import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ExtendHold;
import io.stocklock.application.port.in.ExtendHold.ExtendHoldCommand;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.Optional;
import io.stocklock.domain.reservation.Transition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A reservation's status, the two ways a client ends its hold, and a longer hold. All three are idempotent. */
@RestController
@Tag(name = "reservations")
@RequestMapping(path = "/reservations", produces = "application/json")
class ReservationController {

    private final GetReservation getReservation;
    private final ConfirmReservation confirmReservation;
    private final ReleaseReservation releaseReservation;
    private final ExtendHold extendHold;

    ReservationController(GetReservation getReservation, ConfirmReservation confirmReservation,
                          ReleaseReservation releaseReservation, ExtendHold extendHold) {
        this.getReservation = getReservation;
        this.confirmReservation = confirmReservation;
        this.releaseReservation = releaseReservation;
        this.extendHold = extendHold;
    }

    @Operation(summary = "A reservation's status", description = "Another caller's reservation is not found.")
    @OperationContract(scope = "reservations:read", problems = Problems.RESERVATION_NOT_FOUND)
    @GetMapping("/{id}")
    ReservationResponse get(@PathVariable String id, Principal caller) {
        return ReservationResponse.from(owned(ReservationId.parse(id), caller));
    }

    @Operation(summary = "Confirm a reservation", description = "The held units leave stock for good. "
            + "Idempotent: confirming a confirmed reservation answers it again.")
    @OperationContract(scope = "reservations:write", problems = {Problems.RESERVATION_NOT_FOUND,
            Problems.NOT_YET_DECIDED, Problems.NOT_RESERVED, Problems.HOLD_EXPIRED, Problems.ALREADY_RELEASED})
    @PostMapping("/{id}/confirm")
    ReservationResponse confirm(@PathVariable String id, Principal caller) {
        ReservationId reservationId = ReservationId.parse(id);
        return answer(confirmReservation.confirm(new ConfirmReservationCommand(reservationId, owner(caller)))
                .orElseThrow(() -> notFound(reservationId)));
    }

    @Operation(summary = "Release a reservation", description = "The held units return to stock. Idempotent: "
            + "releasing a released reservation answers it again.")
    @OperationContract(scope = "reservations:write", problems = {Problems.RESERVATION_NOT_FOUND,
            Problems.NOT_YET_DECIDED, Problems.NOT_RESERVED, Problems.ALREADY_CONFIRMED})
    @PostMapping("/{id}/release")
    ReservationResponse release(@PathVariable String id, Principal caller) {
        ReservationId reservationId = ReservationId.parse(id);
        return answer(releaseReservation.release(new ReleaseReservationCommand(reservationId, owner(caller)))
                .orElseThrow(() -> notFound(reservationId)));
    }

    @Operation(summary = "Extend a hold", description = "The hold then lasts holdSeconds from now (a checkout that "
            + "takes longer than expected), up to stocklock.limits.max-total-hold from its decision. A hold is never "
            + "shortened: asking for an end no later than the current one changes nothing, so a retry is harmless. "
            + "No event is published: the hold's end is read here, and its Expired event reports when it ended.")
    @OperationContract(scope = "reservations:write", problems = {Problems.RESERVATION_NOT_FOUND,
            Problems.NOT_YET_DECIDED, Problems.NOT_RESERVED, Problems.HOLD_EXPIRED, Problems.ALREADY_CONFIRMED,
            Problems.ALREADY_RELEASED, Problems.HOLD_CAP_REACHED})
    @PostMapping(path = "/{id}/extend", consumes = "application/json")
    ReservationResponse extend(@PathVariable String id, @RequestBody ExtendRequest body, Principal caller) {
        ReservationId reservationId = ReservationId.parse(id);
        return answer(extendHold.extend(new ExtendHoldCommand(reservationId, body.lasting(), owner(caller)))
                .orElseThrow(() -> notFound(reservationId)));
    }

    /** A caller sees only its own reservations; another caller's looks exactly like one that does not exist. */
    private Reservation owned(ReservationId id, Principal caller) {
        return getReservation.get(id)
                .filter(reservation -> owner(caller).map(reservation.owner()::equals).orElse(true))
                .orElseThrow(() -> notFound(id));
    }

    /** The caller, whose reservations alone it may read and change; none when the API runs without security. */
    private static Optional<String> owner(Principal caller) {
        return Optional.ofNullable(caller).map(Principal::getName);
    }

    private static ReservationResponse answer(Transition transition) {
        if (transition instanceof Transition.Refused refused) {
            throw Problems.refused(refused.code()).exception(refused.reason());
        }
        return ReservationResponse.from(transition.current());
    }

    private static Problems.ProblemException notFound(ReservationId id) {
        return Problems.RESERVATION_NOT_FOUND.exception("no reservation " + id);
    }
}
