package io.stocklock.adapters.rest;

import io.stocklock.adapters.json.StrictJson;
import io.stocklock.application.failure.FailureClassifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Every error leaves as RFC 9457 problem+json with a stable type. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Log LOG = LogFactory.getLog(ProblemAdvice.class);

    private final FailureClassifier failures;

    ProblemAdvice(FailureClassifier failures) {
        this.failures = failures;
    }

    @ExceptionHandler(Problems.ProblemException.class)
    ResponseEntity<ProblemDetail> problem(Problems.ProblemException e) {
        return ResponseEntity.status(e.problem().getStatus()).body(e.problem());
    }

    /** Domain records and commands say what is wrong with a value in their exception message. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return problem(Problems.INVALID_REQUEST.exception(e.getMessage()));
    }

    /**
     * A failure the store calls transient (the database restarting, a lost connection, a lock or statement timeout) is
     * 503: nothing is wrong with the request, and one sent again with the same Idempotency-Key is taken at most once,
     * whatever this attempt got done. Anything else is ours: 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (failures.isTransient(e)) {
            LOG.warn("database unavailable: " + e.getMessage());
            ProblemDetail problem = Problems.DATABASE_UNAVAILABLE.detail(
                    "the database did not answer; retry with the same Idempotency-Key");
            return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
        }
        LOG.error("unexpected failure", e);
        return problem(Problems.INTERNAL.exception("the request could not be completed; try again"));
    }

    /** Spring MVC's own errors (unreadable body, wrong content type, bad parameter) get our types too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        LimitedBody.TooLargeException tooLong = cause(e, LimitedBody.TooLargeException.class);
        if (tooLong != null) {
            ProblemDetail tooLarge = Problems.PAYLOAD_TOO_LARGE.detail(tooLong.getMessage());
            return ResponseEntity.status(tooLarge.getStatus()).body(tooLarge);
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return ResponseEntity.status(status).headers(headers).body(unreadable(unreadable));
        }
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(switch (status.value()) {
                case 400 -> Problems.INVALID_REQUEST.type();
                case 404 -> Problems.NOT_FOUND.type();
                case 405 -> Problems.METHOD_NOT_ALLOWED.type();
                case 415 -> Problems.UNSUPPORTED_MEDIA_TYPE.type();
                default -> problem.getType();
            });
        }
        return response;
    }

    /**
     * A body that is readable JSON with a value the contract refuses is invalid; one that is not JSON, not an object
     * of the expected shape, has a field twice or one the endpoint does not know, or is missing, is malformed. Either
     * way the detail names the field, never the Java type behind it.
     */
    private static Object unreadable(HttpMessageNotReadableException e) {
        JacksonException json = cause(e, JacksonException.class);
        if (json == null) {
            return Problems.MALFORMED_JSON.detail("the body must be a JSON object");
        }
        return (StrictJson.refusesAValue(json) ? Problems.INVALID_REQUEST : Problems.MALFORMED_JSON)
                .detail(StrictJson.describe(json));
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

}
