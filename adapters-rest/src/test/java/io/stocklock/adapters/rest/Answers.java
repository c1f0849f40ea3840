package io.stocklock.adapters.rest;

import io.stocklock.testsupport.OpenApiContract;
import java.time.Duration;
import java.time.Instant;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultHandler;
import org.springframework.test.web.servlet.ResultMatcher;

/** Requests answered later ({@link AnswerLater}): the answer is in the response once the request completes. */
final class Answers {

    private Answers() {
    }

    /** Sends the request and gives its answer, waiting up to 10 s for one that comes later. */
    static ResultActions send(MockMvc http, RequestBuilder request) throws Exception {
        return answerOf(http.perform(request).andReturn());
    }

    /** The answer of a request sent before, waiting up to 10 s for it. */
    static ResultActions answerOf(MvcResult started) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (started.getRequest().isAsyncStarted()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no answer within 10 s");
            }
            Thread.sleep(5);
        }
        // checked here: no dispatch of MockMvc's saw the answer
        RestTestApplication.speaksOfTheApi().match(started);
        OpenApiContract.conforms().match(started);
        return new ResultActions() {
            @Override
            public ResultActions andExpect(ResultMatcher matcher) throws Exception {
                matcher.match(started);
                return this;
            }

            @Override
            public ResultActions andDo(ResultHandler handler) throws Exception {
                handler.handle(started);
                return this;
            }

            @Override
            public MvcResult andReturn() {
                return started;
            }
        };
    }
}
