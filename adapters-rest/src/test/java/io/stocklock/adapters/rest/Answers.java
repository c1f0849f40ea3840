package io.stocklock.adapters.rest;

import static org.awaitility.Awaitility.await;

import io.stocklock.testsupport.OpenApiContract;
import java.time.Duration;
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
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                .until(() -> !started.getRequest().isAsyncStarted());
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
