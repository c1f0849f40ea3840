package io.stocklock.adapters.rest;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as RFC 9457 problem+json with a stable type. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Log LOG = LogFactory.getLog(ProblemAdvice.class);

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
     * The database restarting, a lost connection, a lock or statement timeout: nothing is wrong with the request. A
     * request sent again with the same Idempotency-Key is taken at most once, whatever this attempt got done.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        LOG.warn("database unavailable: " + e.getMessage());
        ProblemDetail problem = Problems.DATABASE_UNAVAILABLE.detail(
                "the database did not answer; retry with the same Idempotency-Key");
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return problem(Problems.INTERNAL.exception("the request could not be completed; try again"));
    }

    /** Spring MVC's own errors (unreadable body, wrong content type, bad parameter) get our types too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (causedBy(e, LimitedBody.TooLargeException.class)) {
            ProblemDetail tooLarge = Problems.PAYLOAD_TOO_LARGE.detail(conciseReason(e));
            return ResponseEntity.status(tooLarge.getStatus()).body(tooLarge);
        }
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(switch (status.value()) {
                case 400 -> e instanceof HttpMessageNotReadableException
                        ? Problems.MALFORMED_JSON.type() : Problems.INVALID_REQUEST.type();
                case 404 -> Problems.NOT_FOUND.type();
                case 405 -> Problems.METHOD_NOT_ALLOWED.type();
                case 415 -> Problems.UNSUPPORTED_MEDIA_TYPE.type();
                default -> problem.getType();
            });
            if (e instanceof HttpMessageNotReadableException unreadable) {
                problem.setDetail(conciseReason(unreadable));
            }
        }
        return response;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String conciseReason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "unreadable body" : cause.getMessage();
        int location = message.indexOf("\n at [");
        return location > 0 ? message.substring(0, location) : message;
    }
}
