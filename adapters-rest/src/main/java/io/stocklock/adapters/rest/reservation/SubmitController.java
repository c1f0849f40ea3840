package io.stocklock.adapters.rest.reservation;

import io.stocklock.adapters.rest.AnswerLater;
import io.stocklock.adapters.rest.Caller;
import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.application.port.in.SubmitReservation.SubmitReservationCommand;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /reservations}: with {@code Prefer: wait=N}, decides the request at the door and answers 201 (reserved)
 * or 409 (rejected) right after the decision commits; otherwise, or with {@code Prefer: respond-async}, answers 202
 * once the request is durably queued for the intake's consumers. With an {@code Idempotency-Key}, a
 * retry is answered from the reservation the key names, so it can never reserve twice. The request thread returns at
 * once; the answer is written when the use case completes it ({@link AnswerLater}).
 */
@RestController
@Tag(name = "reservations")
class SubmitController {

    private static final Pattern WAIT = Pattern.compile("(?:^|[;,\\s])wait=(\\d+)");
    private static final Pattern RESPOND_ASYNC = Pattern.compile("(?:^|[;,\\s])respond-async(?:$|[;,\\s])");

    private final SubmitReservation submitReservation;
    private final RestSettings settings;
    private final AnswerLater answerLater;

    SubmitController(SubmitReservation submitReservation, RestSettings settings, AnswerLater answerLater) {
        this.submitReservation = submitReservation;
        this.settings = settings;
        this.answerLater = answerLater;
    }

    @Operation(summary = "Reserve stock", description = "With Prefer: wait=N, decided at once by the instance that "
            + "received it: 201, or 409 (insufficient-stock, unknown-sku-requested, over-limit), right after the decision commits. Without it, or with "
            + "Prefer: respond-async, 202 once the request is durably queued, to be decided shortly after. With an "
            + "Idempotency-Key, a retry is answered from the reservation the key names (Idempotent-Replayed: true), "
            + "so it never reserves twice.")
    @ApiResponse(responseCode = "201", description = "reserved (or, on a replay, the reservation as it is now)",
            headers = @Header(name = "Idempotent-Replayed", description = "true when this answers a retry",
                    schema = @Schema(type = "string", allowableValues = "true")),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ReservationResponse.class)))
    @ApiResponse(responseCode = "202", description = "taken, not decided yet: follow Location",
            headers = @Header(name = "Idempotent-Replayed", description = "true when this answers a retry",
                    schema = @Schema(type = "string", allowableValues = "true")),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ReservationResponse.class)))
    @OperationContract(scope = "reservations:write", problems = {Problems.INSUFFICIENT_STOCK,
            Problems.UNKNOWN_SKU_REQUESTED, Problems.OVER_LIMIT, Problems.SALE_LIMIT,
            Problems.IDEMPOTENCY_KEY_IN_FLIGHT, Problems.IDEMPOTENCY_KEY_REUSED, Problems.QUANTITY_LIMIT,
            Problems.INTAKE_UNAVAILABLE})
    @PostMapping(path = "/reservations", consumes = "application/json",
            produces = {"application/json", "application/problem+json"})
    void submit(@RequestBody SubmitRequest body,
                @Parameter(description = "makes retries safe: one reservation per caller and key, at most 255 "
                        + "characters")
                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                @Parameter(description = "wait=N: decide now and answer the decision; respond-async: queue it and "
                        + "answer 202", example = "wait=10")
                @RequestHeader(name = "Prefer", required = false) String prefer,
                Principal principal, HttpServletRequest request, HttpServletResponse response) {
        String caller = Caller.of(principal);
        List<ReservationLine> lines = body.toDomain();
        Duration hold = body.holdSeconds() == null ? settings.defaultHold() : Duration.ofSeconds(body.holdSeconds());
        var command = new SubmitReservationCommand(caller, Optional.ofNullable(key), lines, hold,
                body.placementToDomain(), waitOf(prefer));
        // the outcome is mapped here, on whichever thread completes it; the body is written on a request thread
        answerLater.answer(request, response, submitReservation.submit(command).thenApply(SubmitController::answer));
    }

    static ResponseEntity<Object> answer(SubmitOutcome outcome) {
        if (outcome instanceof SubmitOutcome.Accepted accepted) {
            return answer(accepted.reservation());
        }
        if (outcome instanceof SubmitOutcome.Decided decided) {
            return answer(decided.reservation());
        }
        if (outcome instanceof SubmitOutcome.Replayed replayed) {
            ResponseEntity<Object> current = answer(replayed.reservation());
            return ResponseEntity.status(current.getStatusCode()).headers(current.getHeaders())
                    .header("Idempotent-Replayed", "true").body(current.getBody());
        }
        if (outcome instanceof SubmitOutcome.Refused refused) {
            return problem(Problems.QUANTITY_LIMIT.detail(refused.reason()));
        }
        if (outcome instanceof SubmitOutcome.KeyReused reused) {
            return problem(Problems.IDEMPOTENCY_KEY_REUSED.detail(
                    "this Idempotency-Key was used for a different request (reservation " + reused.id() + ")"));
        }
        if (outcome instanceof SubmitOutcome.InFlight inFlight) {
            return problem(Problems.IDEMPOTENCY_KEY_IN_FLIGHT.detail("the first request with this Idempotency-Key "
                    + "(reservation " + inFlight.id() + ") has not been answered yet; retry in a moment"));
        }
        if (outcome instanceof SubmitOutcome.InDoubt inDoubt) {
            return problem(Problems.DATABASE_UNAVAILABLE.detail("the database stopped answering while reservation "
                    + inDoubt.id() + " was being recorded, so it may or may not have been taken: retry with the same "
                    + "Idempotency-Key to get its decision"));
        }
        var unavailable = (SubmitOutcome.Unavailable) outcome;
        return unavailable(Optional.empty(), unavailable.reason());
    }

    private static ResponseEntity<Object> answer(Reservation reservation) {
        URI location = URI.create("/reservations/" + reservation.id());
        if (reservation.status() == ReservationStatus.PENDING) {
            return ResponseEntity.accepted().location(location).contentType(MediaType.APPLICATION_JSON)
                    .body(ReservationResponse.from(reservation));
        }
        if (reservation.status() == ReservationStatus.REJECTED) {
            ProblemDetail problem = Problems.rejected(reservation.rejection().orElseThrow())
                    .detail(reservation.reason().orElseThrow());
            problem.setProperty("reservation", ReservationResponse.from(reservation));
            return problem(problem);
        }
        if (reservation.status() == ReservationStatus.FAILED) {
            return unavailable(Optional.of(reservation), reservation.reason().orElse("intake unavailable"));
        }
        return ResponseEntity.created(location).contentType(MediaType.APPLICATION_JSON)
                .body(ReservationResponse.from(reservation));
    }

    /** Nothing was taken: either nothing was recorded, or the request is FAILED for good. */
    private static ResponseEntity<Object> unavailable(Optional<Reservation> failed, String reason) {
        ProblemDetail problem = Problems.INTAKE_UNAVAILABLE.detail(failed.isPresent()
                ? reason + "; the request was not taken and is recorded FAILED: retry later with a new Idempotency-Key"
                : reason + "; the request was not taken and nothing was recorded: retry later");
        failed.ifPresent(reservation -> problem.setProperty("reservation", ReservationResponse.from(reservation)));
        return problem(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        var response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }

    private Duration waitOf(String prefer) {
        if (prefer == null || RESPOND_ASYNC.matcher(prefer).find()) {
            return Duration.ZERO;
        }
        Matcher matcher = WAIT.matcher(prefer);
        if (!matcher.find()) {
            return Duration.ZERO;
        }
        String seconds = matcher.group(1);
        // a wait longer than the longest honoured is the longest, however many digits it has
        if (seconds.length() > 9) {
            return settings.maxWait();
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(seconds));
        return asked.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : asked;
    }
}
