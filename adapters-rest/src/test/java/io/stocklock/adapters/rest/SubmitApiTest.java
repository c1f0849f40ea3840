package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest
// MockMvc reads each exchange as it returns, while an answer written later (AnswerLater) may be being written
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class SubmitApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    Services services;
    @Autowired
    TestIntake intake;
    @Autowired
    HeldTransactions doorTransactions;

    private final String sku = "S-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void stock() {
        services.manageStock().create(new CreateStockCommand(Sku.of(sku), 3));
    }

    @AfterEach
    void intakeBackToNormal() {
        intake.mode = TestIntake.Mode.DECIDE;
    }

    @Test
    void acceptedOnceRecordedAndReadableAtItsLocation() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        MvcResult accepted = send(submit(2)).andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.owner").value("alice")).andReturn();

        http.perform(get(accepted.getResponse().getHeader("Location"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.lines[0].quantity").value(2));
    }

    @Test
    void waitingForTheDecisionAnswersReservedOrRejected() throws Exception {
        send(submit(2).header("Prefer", "wait=5")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESERVED"));
        problem(send(submit(2).header("Prefer", "wait=5")), 409, "insufficient-stock")
                .andExpect(jsonPath("$.detail").value("insufficient stock of " + sku + ": requested 2, available 1"))
                .andExpect(jsonPath("$.reservation.status").value("REJECTED"));
    }

    @Test
    void aWaitingBuyerIsDecidedAtTheDoorWithoutTheIntake() throws Exception {
        intake.mode = TestIntake.Mode.DOWN;
        send(submit(1).header("Prefer", "wait=1")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESERVED"));
    }

    @Test
    void respondAsyncQueuesTheRequestWhateverTheWait() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        send(submit(1).header("Prefer", "respond-async, wait=5")).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    void aWaitingRetryOfAQueuedRequestDecidesIt() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        send(submit(1).header("Idempotency-Key", "k-6")).andExpect(status().isAccepted());

        send(submit(1).header("Idempotency-Key", "k-6").header("Prefer", "wait=5")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESERVED"));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.reserved").value(1));
    }

    @Test
    void withTheIntakeDownARequestIsStillAcceptedOnceRecorded() throws Exception {
        intake.mode = TestIntake.Mode.DOWN;
        MvcResult accepted = send(submit(1)).andExpect(status().isAccepted()).andReturn();

        // recorded PENDING, to be handed over again by the sweep once the intake is back
        http.perform(get(accepted.getResponse().getHeader("Location"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    void aFullDoorAnswers503AndRecordsNothing() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        doorTransactions.hold();
        List<MvcResult> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                waiting.add(http.perform(submit(1)).andReturn());
            }
            MvcResult refused = problem(send(submit(1).header("Idempotency-Key", "k-full")), 503,
                    "intake-unavailable").andExpect(header().string("Retry-After", "5")).andReturn();
            assertThat(refused.getResponse().getContentAsString()).contains("nothing was recorded");
        } finally {
            doorTransactions.release();
        }
        for (MvcResult earlier : waiting) {
            if (earlier.getRequest().isAsyncStarted()) {
                Answers.answerOf(earlier); // the door has room again once these are answered
            }
        }
        send(submit(1).header("Idempotency-Key", "k-full")).andExpect(status().isAccepted());
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswer() throws Exception {
        MvcResult first = send(submit(1).header("Idempotency-Key", "k-1").header("Prefer", "wait=5"))
                .andExpect(status().isCreated()).andReturn();
        send(submit(1).header("Idempotency-Key", "k-1").header("Prefer", "wait=5"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", first.getResponse().getHeader("Location")))
                .andExpect(header().string("Idempotent-Replayed", "true"));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.reserved").value(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() throws Exception {
        send(submit(1).header("Idempotency-Key", "k-2")).andExpect(status().is2xxSuccessful());
        problem(send(submit(2).header("Idempotency-Key", "k-2")), 422, "idempotency-key-reused");
    }

    @Test
    void aRetryOfARequestStillPendingReplaysIts202() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        MvcResult first = send(submit(1).header("Idempotency-Key", "k-3")).andExpect(status().isAccepted())
                .andReturn();

        send(submit(1).header("Idempotency-Key", "k-3")).andExpect(status().isAccepted())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", first.getResponse().getHeader("Location")))
                .andExpect(jsonPath("$.status").value("PENDING"));
    }

    @Test
    void aRetryWhileTheFirstIsNotAnsweredYetIsAConflictAndTheFirstStillGetsItsAnswer() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        doorTransactions.hold();
        MvcResult first;
        try {
            first = http.perform(submit(1).header("Idempotency-Key", "k-4")).andReturn();
            assertThat(first.getRequest().isAsyncStarted()).isTrue();

            problem(send(submit(1).header("Idempotency-Key", "k-4")), 409, "idempotency-key-in-flight");
            problem(send(submit(2).header("Idempotency-Key", "k-4")), 422, "idempotency-key-reused");
        } finally {
            doorTransactions.release();
        }
        Answers.answerOf(first).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.reserved").value(0));
    }

    @Test
    void aReplayAnswersTheReservationAsItStandsNow() throws Exception {
        intake.mode = TestIntake.Mode.HOLD;
        MvcResult accepted = send(submit(1).header("Idempotency-Key", "k-5")).andExpect(status().isAccepted())
                .andReturn();
        var id = ReservationId.parse(JsonPath.read(accepted.getResponse().getContentAsString(), "$.id"));
        // the consumer decides it after the client got its 202
        services.process().process(new ProcessReservationsCommand(
                List.of(services.getReservation().get(id).orElseThrow().request())));

        send(submit(1).header("Idempotency-Key", "k-5")).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", accepted.getResponse().getHeader("Location")))
                .andExpect(jsonPath("$.status").value("RESERVED"));
    }

    @Test
    void aClientCannotSetOwnerStatusOrIdInTheBody() throws Exception {
        for (String field : new String[] {"\"owner\":\"mallory\"", "\"status\":\"RESERVED\"", "\"id\":\"x\""}) {
            problem(http.perform(post("/reservations").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]," + field + "}")),
                    400, "malformed-json");
        }
        problem(http.perform(post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[]}")), 400, "invalid-request");
        problem(http.perform(post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":0}]}")), 400, "invalid-request");
    }

    private MockHttpServletRequestBuilder submit(long quantity) {
        return post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}],\"holdSeconds\":600}");
    }

    private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
        return Answers.send(http, request);
    }
}
