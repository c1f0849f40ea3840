package io.stocklock.adapters.rest.reservation;

import io.stocklock.adapters.rest.Problems;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.adapters.rest.security.SecuritySettings;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.application.port.in.SubmitReservation.SubmitReservationCommand;
import io.stocklock.application.port.in.SubmitReservation.SubmitResult;
import io.stocklock.application.port.out.IdempotencyRecords;
import io.stocklock.application.port.out.IdempotencyRecords.StoredResponse;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /reservations}: answers 202 once the request is durably handed over, or, with {@code Prefer: wait=N},
 * 201 (reserved) or 409 (rejected) as soon as it is decided within N seconds. With an {@code Idempotency-Key}, a
 * retry gets the first answer again; the key also fixes the reservation id, so a retry can never reserve twice.
 */
@RestController
class SubmitController {

    private static final Pattern WAIT = Pattern.compile("(?:^|[;,\\s])wait=(\\d+)");
    private static final int MAX_KEY_LENGTH = 255;

    private final SubmitReservation submitReservation;
    private final IdempotencyRecords idempotency;
    private final DecisionWaiter waiter;
    private final RestSettings settings;
    private final SecuritySettings limits;
    private final JsonMapper json;
    private final Clock clock;

    SubmitController(SubmitReservation submitReservation, IdempotencyRecords idempotency, DecisionWaiter waiter,
                     RestSettings settings, SecuritySettings limits, JsonMapper json, Clock clock) {
        this.submitReservation = submitReservation;
        this.idempotency = idempotency;
        this.waiter = waiter;
        this.settings = settings;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/reservations", consumes = "application/json",
            produces = {"application/json", "application/problem+json"})
    CompletableFuture<ResponseEntity<String>> submit(@RequestBody SubmitRequest body,
                                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                     @RequestHeader(name = "Prefer", required = false) String prefer,
                                                     Principal principal) {
        String caller = principal == null ? "anonymous" : principal.getName();
        Duration hold = body.holdSeconds() == null ? settings.defaultHold() : Duration.ofSeconds(body.holdSeconds());
        ReservationId id = key == null ? ReservationId.generate() : idFor(caller, key);
        var request = new ReservationRequest(id, caller, body.toDomain(), hold);
        long units = request.lines().stream().mapToLong(line -> line.quantity().value()).sum();
        if (units > limits.maxQuantityPerRequest()) {
            throw Problems.QUANTITY_LIMIT.exception("the request asks for " + units + " units; at most "
                    + limits.maxQuantityPerRequest() + " per request are allowed");
        }
        Duration wait = waitOf(prefer);

        if (key != null) {
            Optional<IdempotencyRecords.IdempotencyRecord> earlier = idempotency.claim(caller, key,
                    request.fingerprint(), id, clock.instant(), settings.idempotencyRetention());
            if (earlier.isPresent()) {
                var record = earlier.get();
                if (!record.fingerprint().equals(request.fingerprint())) {
                    throw Problems.IDEMPOTENCY_KEY_REUSED.exception("Idempotency-Key " + key
                            + " was used for a different request within " + settings.idempotencyRetention());
                }
                if (record.response().isPresent()) {
                    return CompletableFuture.completedFuture(replay(record.response().get(), id));
                }
                if (record.createdAt().isAfter(clock.instant().minus(settings.inFlightTimeout()))) {
                    throw Problems.IDEMPOTENCY_KEY_IN_FLIGHT.exception("the first request with Idempotency-Key "
                            + key + " has not been answered yet; retry in a moment");
                }
                // the first attempt was abandoned (its process died before answering): process it again
            }
        }

        SubmitResult result = submitReservation.submit(new SubmitReservationCommand(request));
        CompletableFuture<ResponseEntity<String>> answer = result instanceof SubmitResult.Accepted accepted
                && !wait.isZero()
                ? waiter.await(accepted.reservation(), wait).thenApply(this::answer)
                : CompletableFuture.completedFuture(answer(result));
        if (key == null) {
            return answer;
        }
        return answer.thenApply(response -> {
            idempotency.complete(caller, key, new StoredResponse(response.getStatusCode().value(), response.getBody()));
            return response;
        });
    }

    private ResponseEntity<String> answer(SubmitResult result) {
        if (result instanceof SubmitResult.Conflicting conflict) {
            return problem(Problems.REQUEST_CONFLICT.detail("reservation " + conflict.reservation().id()
                    + " exists and asks for something else"));
        }
        if (result instanceof SubmitResult.Unavailable unavailable) {
            return unavailable(unavailable.reservation());
        }
        return answer(result.reservation());
    }

    private ResponseEntity<String> answer(Reservation reservation) {
        URI location = URI.create("/reservations/" + reservation.id());
        String body = json.writeValueAsString(ReservationResponse.from(reservation));
        if (reservation.status() == ReservationStatus.PENDING) {
            return ResponseEntity.accepted().location(location).contentType(MediaType.APPLICATION_JSON).body(body);
        }
        if (reservation.status() == ReservationStatus.REJECTED) {
            ProblemDetail problem = Problems.RESERVATION_REJECTED.detail(reservation.reason().orElse("rejected"));
            problem.setProperty("reservation", ReservationResponse.from(reservation));
            return problem(problem);
        }
        if (reservation.status() == ReservationStatus.FAILED) {
            return unavailable(reservation);
        }
        return ResponseEntity.created(location).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The request is FAILED for good; a new attempt needs a new Idempotency-Key. */
    private ResponseEntity<String> unavailable(Reservation failed) {
        ProblemDetail problem = Problems.INTAKE_UNAVAILABLE.detail(failed.reason().orElse("intake unavailable")
                + "; the request was not taken and is recorded FAILED: retry later with a new Idempotency-Key");
        problem.setProperty("reservation", ReservationResponse.from(failed));
        return problem(problem);
    }

    private ResponseEntity<String> problem(ProblemDetail problem) {
        var response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(json.writeValueAsString(problem));
    }

    private static ResponseEntity<String> replay(StoredResponse stored, ReservationId id) {
        var response = ResponseEntity.status(stored.status())
                .contentType(stored.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (stored.status() == 201 || stored.status() == 202) {
            response.location(URI.create("/reservations/" + id));
        }
        if (stored.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.header("Idempotent-Replayed", "true").body(stored.body());
    }

    private Duration waitOf(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher matcher = WAIT.matcher(prefer);
        if (!matcher.find()) {
            return Duration.ZERO;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
        return asked.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : asked;
    }

    /** One key of one caller always names the same reservation. */
    private static ReservationId idFor(String caller, String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        return new ReservationId(UUID.nameUUIDFromBytes((caller + "\n" + key).getBytes(StandardCharsets.UTF_8)));
    }
}
