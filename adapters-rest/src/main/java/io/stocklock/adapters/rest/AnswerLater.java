package io.stocklock.adapters.rest;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Answers a request whose answer comes later on a container thread, without dispatching the request a second time.
 * Spring MVC's asynchronous return values are answered by a second dispatch through every filter (security, the
 * observation, the caller's limits) and the handler's mapping again: measured, 38% of the CPU that
 * {@code POST /reservations} took on the request threads. Here the answer is written straight to the response, with
 * the message converters Spring MVC writes with, once the answer is known and the request's first dispatch is over
 * (this filter, outside all others, says when); the filters' work on the way out (the observation's end, for one)
 * is done when the request completes, as for any asynchronous request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AnswerLater extends OncePerRequestFilter {

    private static final Log LOG = LogFactory.getLog(AnswerLater.class);
    private static final String LATER = AnswerLater.class.getName() + ".later";
    /** Added to the longest {@code Prefer: wait}: the hand-over to Kafka may take its send timeout before that. */
    private static final Duration ANSWER_MARGIN = Duration.ofMinutes(1);

    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private final ProblemAdvice problems;
    private final Duration timeout;
    private volatile HttpMessageConverter<Object>[] converters;

    AnswerLater(ObjectProvider<RequestMappingHandlerAdapter> mvc, ProblemAdvice problems, RestSettings settings) {
        this.mvc = mvc;
        this.problems = problems;
        this.timeout = settings.maxWait().plus(ANSWER_MARGIN);
    }

    /**
     * Answers the request with what {@code answer} completes with (a failure as the API's problem for it). Call from
     * a handler that returns nothing and takes the response as an argument, so that Spring MVC writes nothing itself.
     */
    public void answer(HttpServletRequest request, HttpServletResponse response,
                       CompletableFuture<ResponseEntity<Object>> answer) {
        if (answer.isDone()) {
            write(request, response, answer);
            return;
        }
        // the response as the filters passed it on (Spring MVC's wrapper of it takes no writes after the dispatch)
        var dispatched = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        AsyncContext async = request.startAsync(request, dispatched.getResponse());
        // the use case completes every answer; the container's timeout is a last resort that must not come first
        async.setTimeout(timeout.toMillis());
        Later later = new Later(async, answer);
        async.addListener(later);
        request.setAttribute(LATER, later);
        answer.whenComplete((done, failure) -> later.ready());
    }

    /** Outside every other filter: the first dispatch of a request answered later is over when this returns. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(LATER) instanceof Later later) {
                later.ready();
            }
        }
    }

    /** Answered once two things happened: the answer is known, and the request's first dispatch is over. */
    private final class Later implements AsyncListener {
        private final AsyncContext async;
        private final CompletableFuture<ResponseEntity<Object>> answer;
        private final AtomicInteger waitingFor = new AtomicInteger(2);
        /** Guarded by this: the container completes and recycles the request only after {@link #onError}. */
        private boolean answered;

        Later(AsyncContext async, CompletableFuture<ResponseEntity<Object>> answer) {
            this.async = async;
            this.answer = answer;
        }

        void ready() {
            if (waitingFor.decrementAndGet() == 0) {
                async.start(() -> finish(answer));
            }
        }

        private synchronized void finish(CompletableFuture<ResponseEntity<Object>> with) {
            if (!answered) {
                answered = true;
                try {
                    write((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), with);
                } finally {
                    async.complete();
                }
            }
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) {
            finish(CompletableFuture.failedFuture(new IllegalStateException("no answer within " + timeout)));
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            // the connection is gone: nobody to answer
            answered = true;
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response,
                       CompletableFuture<ResponseEntity<Object>> answer) {
        ResponseEntity<?> entity;
        try {
            entity = answer.join();
        } catch (CompletionException e) {
            entity = problems.unexpected(e.getCause() instanceof Exception cause ? cause : e);
        }
        Object body = entity.getBody();
        MediaType type = entity.getHeaders().getContentType();
        if (body instanceof ProblemDetail problem) {
            // as Spring MVC does: a problem names the request it answers
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
            type = type == null ? MediaType.APPLICATION_PROBLEM_JSON : type;
        }
        type = type == null ? MediaType.APPLICATION_JSON : type;
        var out = new ServletServerHttpResponse(response);
        out.setStatusCode(entity.getStatusCode());
        out.getHeaders().putAll(entity.getHeaders());
        try {
            if (body == null) {
                out.flush();
            } else {
                converterFor(body.getClass(), type).write(body, type, out);
            }
        } catch (IOException e) {
            LOG.debug("the answer could not be written: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private HttpMessageConverter<Object> converterFor(Class<?> type, MediaType mediaType) {
        HttpMessageConverter<Object>[] known = converters;
        if (known == null) {
            known = mvc.getObject().getMessageConverters().toArray(HttpMessageConverter[]::new);
            converters = known;
        }
        for (HttpMessageConverter<Object> converter : known) {
            if (converter.canWrite(type, mediaType)) {
                return converter;
            }
        }
        throw new IllegalStateException("no converter writes " + mediaType);
    }
}
