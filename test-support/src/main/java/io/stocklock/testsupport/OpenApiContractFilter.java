package io.stocklock.testsupport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * For tests that talk to the service over a real port: checks every exchange against docs/openapi.json
 * ({@link OpenApiContract}) in the service itself. An answer the document does not describe is replaced by a 500
 * whose body says what differs, so the test that caused it fails; {@link #violations()} keeps them all.
 */
public class OpenApiContractFilter extends OncePerRequestFilter {

    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    /** Every exchange of this JVM the document did not describe. */
    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // the answer of an asynchronous request is written by its async dispatch
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // on an async dispatch the request is the one the first dispatch wrapped, with what it read (or is reading)
        ContentCachingRequestWrapper earlier = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        ContentCachingRequestWrapper asked = earlier != null ? earlier
                : new ContentCachingRequestWrapper(request, 1 << 20);
        ContentCachingResponseWrapper answer = WebUtils.getNativeResponse(response,
                ContentCachingResponseWrapper.class);
        if (answer == null) {
            answer = new ContentCachingResponseWrapper(response);
        }
        chain.doFilter(earlier != null ? request : asked, answer);
        if (asked.isAsyncStarted()) {
            return; // the async dispatch writes the answer
        }
        // the body as read so far: by the first dispatch, or while the answer streamed (a stock import)
        byte[] body = asked.getContentAsByteArray();
        Optional<String> violation = OpenApiContract.violation(asked, body, answer, answer.getContentAsByteArray());
        if (violation.isPresent()) {
            VIOLATIONS.add(violation.get());
            logger.error(violation.get());
            answer.resetBuffer();
            answer.setStatus(500);
            answer.setContentType("text/plain");
            answer.getOutputStream().write(("OpenAPI contract violation: " + violation.get())
                    .getBytes(StandardCharsets.UTF_8));
        }
        answer.copyBodyToResponse();
    }
}
