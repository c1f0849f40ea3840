package io.stocklock.testsupport;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * For tests that talk to the service over a real port: checks every exchange against docs/openapi.json
 * ({@link OpenApiContract}) in the service itself. An answer written by the request's dispatch that the document does
 * not describe is replaced by a 500 whose body says what differs, so the test that caused it fails. An answer
 * written later (asynchronously) has left when it is checked: {@link #violations()} keeps every violation, for tests
 * to assert that there are none.
 */
public class OpenApiContractFilter extends OncePerRequestFilter {

    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    /** Every exchange of this JVM the document did not describe. */
    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var asked = new ContentCachingRequestWrapper(request, 1 << 20);
        var answer = new CopiedResponse(response);
        chain.doFilter(asked, answer);
        if (asked.isAsyncStarted()) {
            // answered later, by a dispatch of its own or without one: checked once the answer is complete
            asked.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    check(asked, answer).ifPresent(VIOLATIONS::add);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return;
        }
        Optional<String> violation = check(asked, answer);
        if (violation.isPresent()) {
            VIOLATIONS.add(violation.get());
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(500);
                response.setContentType("text/plain");
                response.getOutputStream().write(("OpenAPI contract violation: " + violation.get())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private Optional<String> check(ContentCachingRequestWrapper asked, CopiedResponse answer) {
        answer.flushWriter();
        // the body as read so far: by the first dispatch, or while the answer streamed (a stock import)
        Optional<String> violation = OpenApiContract.violation(asked, asked.getContentAsByteArray(), answer,
                answer.copy.toByteArray());
        violation.ifPresent(logger::error);
        return violation;
    }

    /** Writes go to the response as they are made; a copy of the body is kept for the check. */
    private static final class CopiedResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        CopiedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public synchronized ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                        copy.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        target.write(bytes, offset, length);
                        copy.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }

                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), getCharacterEncoding()));
            }
            return writer;
        }

        @Override
        public synchronized void flushBuffer() throws IOException {
            flushWriter();
            super.flushBuffer();
        }

        synchronized void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            copy.reset();
        }

        @Override
        public void reset() {
            super.reset();
            copy.reset();
        }
    }
}
