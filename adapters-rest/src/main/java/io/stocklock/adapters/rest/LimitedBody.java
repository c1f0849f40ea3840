package io.stocklock.adapters.rest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/** A request whose body may not be longer than a limit, whether or not it announced its length. */
public final class LimitedBody extends HttpServletRequestWrapper {

    /** Thrown when a body without a Content-Length turns out too long; answered 413. */
    public static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the body is longer than " + limit + " bytes");
        }
    }

    private final long limit;

    public LimitedBody(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        ServletInputStream body = super.getInputStream();
        return new ServletInputStream() {
            private long read;

            @Override
            public int read() throws IOException {
                int next = body.read();
                if (next >= 0) {
                    count(1);
                }
                return next;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = body.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) throws TooLargeException {
                read += n;
                if (read > limit) {
                    throw new TooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return body.isFinished();
            }

            @Override
            public boolean isReady() {
                return body.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                body.setReadListener(listener);
            }
        };
    }
}
