package io.stocklock.adapters.rest;

import io.stocklock.application.port.in.ImportStock;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Transition;
import io.stocklock.domain.stock.StockChange;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem types of the API (RFC 9457), each with a stable {@code type} URI; listed in docs/problems.md. */
public enum Problems {
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "The request is not valid"),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "The body is not readable JSON of the expected shape"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNKNOWN_SKU("unknown-sku", HttpStatus.NOT_FOUND, "No such SKU"),
    SKU_EXISTS("sku-exists", HttpStatus.CONFLICT, "The SKU exists already"),
    UNKNOWN_LOCATION("unknown-location", HttpStatus.UNPROCESSABLE_CONTENT, "No such location"),
    NOT_KEPT_AT_LOCATION("not-kept-at-location", HttpStatus.UNPROCESSABLE_CONTENT,
            "The SKU is not kept at that location"),
    BELOW_RESERVED("below-reserved", HttpStatus.CONFLICT,
            "On-hand and the backorder limit cannot go below what is reserved"),
    OUT_OF_RANGE("out-of-range", HttpStatus.UNPROCESSABLE_CONTENT, "The change does not fit"),
    PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED,
            "Send If-Match with the ETag you last read"),
    STALE_ETAG("stale-etag", HttpStatus.PRECONDITION_FAILED, "The resource changed since you read it"),
    RESERVATION_NOT_FOUND("reservation-not-found", HttpStatus.NOT_FOUND, "No such reservation"),
    NOT_YET_DECIDED("not-yet-decided", HttpStatus.CONFLICT, "The reservation is not decided yet"),
    NOT_RESERVED("not-reserved", HttpStatus.CONFLICT, "The reservation holds no stock"),
    HOLD_EXPIRED("hold-expired", HttpStatus.CONFLICT, "The hold expired"),
    ALREADY_CONFIRMED("already-confirmed", HttpStatus.CONFLICT, "The reservation was confirmed"),
    ALREADY_RELEASED("already-released", HttpStatus.CONFLICT, "The reservation was released"),
    HOLD_CAP_REACHED("hold-cap-reached", HttpStatus.UNPROCESSABLE_CONTENT, "The hold cannot last that long"),
    INSUFFICIENT_STOCK("insufficient-stock", HttpStatus.CONFLICT, "Not enough stock for the request"),
    UNKNOWN_SKU_REQUESTED("unknown-sku-requested", HttpStatus.CONFLICT,
            "The request names a SKU that is not in the inventory"),
    OVER_LIMIT("over-limit", HttpStatus.CONFLICT, "The owner would hold more than allowed"),
    SALE_LIMIT("sale-limit", HttpStatus.CONFLICT, "The buyer would get more of the sale than one buyer may"),
    SKU_IN_ANOTHER_SALE("sku-in-another-sale", HttpStatus.CONFLICT,
            "The SKU belongs to another sale; that sale must let it go first"),
    SKU_HELD("sku-held", HttpStatus.CONFLICT,
            "Units of the SKU are held; it cannot join or leave a sale until they are confirmed or come back"),
    IN_STOCK("in-stock", HttpStatus.CONFLICT, "The SKU can be reserved now; nobody waits for it"),
    ALREADY_WAITING("already-waiting", HttpStatus.CONFLICT, "You wait for this SKU already"),
    WAITING_LIST_FULL("waiting-list-full", HttpStatus.CONFLICT, "As many buyers wait for this SKU as may"),
    ALREADY_OFFERED("already-offered", HttpStatus.CONFLICT,
            "The units were offered; release the reservation instead of leaving the line"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
            "This Idempotency-Key was used for a different request"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", HttpStatus.CONFLICT,
            "A request with this Idempotency-Key is still being processed"),
    INTAKE_UNAVAILABLE("intake-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "Requests cannot be taken in right now; retry later"),
    DATABASE_UNAVAILABLE("database-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "The database cannot be reached right now; retry later"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "A valid bearer token is required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed with this token"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Slow down"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The body is too large"),
    QUANTITY_LIMIT("quantity-limit", HttpStatus.UNPROCESSABLE_CONTENT, "The request asks for more than allowed"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    public static final String BASE = "https://stocklock.io/problems/";

    /** The problem of a rejected reservation, for each reason the domain rejects one. */
    public static Problems rejected(RejectionCode code) {
        return switch (code) {
            case INSUFFICIENT_STOCK -> INSUFFICIENT_STOCK;
            case UNKNOWN_SKU -> UNKNOWN_SKU_REQUESTED;
            case OVER_LIMIT -> OVER_LIMIT;
            case SALE_LIMIT -> SALE_LIMIT;
        };
    }

    /** The problem of a confirm, release or extension the reservation refused. */
    public static Problems refused(Transition.RefusalCode code) {
        return switch (code) {
            case NOT_YET_DECIDED -> NOT_YET_DECIDED;
            case NOT_RESERVED, NOT_DUE -> NOT_RESERVED;
            case HOLD_EXPIRED -> HOLD_EXPIRED;
            case ALREADY_CONFIRMED -> ALREADY_CONFIRMED;
            case ALREADY_RELEASED -> ALREADY_RELEASED;
            case HOLD_CAP_REACHED -> HOLD_CAP_REACHED;
        };
    }

    /** The problem a refused line of a stock import is reported with. */
    public static Problems refused(ImportStock.Reason reason) {
        return switch (reason) {
            case UNKNOWN_LOCATION -> UNKNOWN_LOCATION;
            case BELOW_RESERVED -> BELOW_RESERVED;
            case OUT_OF_RANGE -> OUT_OF_RANGE;
            case CREATED_MEANWHILE -> SKU_EXISTS;
        };
    }

    /** The problem of a stock change the stock refused. */
    public static Problems refused(StockChange.RefusalCode code) {
        return switch (code) {
            case BELOW_RESERVED -> BELOW_RESERVED;
            case STALE_EXPECTATION -> STALE_ETAG;
            case OUT_OF_RANGE -> OUT_OF_RANGE;
            case NOT_KEPT_THERE -> NOT_KEPT_AT_LOCATION;
        };
    }

    private final String slug;
    private final HttpStatus status;
    private final String title;

    Problems(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The last part of the type URI, the name docs/problems.md lists it under. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return URI.create(BASE + slug);
    }

    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type());
        problem.setTitle(title);
        return problem;
    }

    /** Thrown by controllers; the advice turns it into problem+json. */
    public ProblemException exception(String detail) {
        return new ProblemException(detail(detail));
    }

    public static class ProblemException extends RuntimeException {
        private final transient ProblemDetail problem;

        ProblemException(ProblemDetail problem) {
            super(problem.getDetail());
            this.problem = problem;
        }

        public ProblemDetail problem() {
            return problem;
        }
    }
}
