package io.stocklock.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;


import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.fake.InMemoryStores;
import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.grouping.Retries;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ImportStockService;
import io.stocklock.application.service.ManageSalesService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.SubmitReservationService;
import io.stocklock.application.service.WaitingListService;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.testsupport.OpenApiContract;
import io.stocklock.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.ResultMatcher;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The HTTP adapter over the real use cases, on in-memory stores. */
@SpringBootApplication
@Import(RestConfiguration.class)
class RestTestApplication {

    static final byte[] ID_SECRET = "the secret of reservation ids in these tests".getBytes(StandardCharsets.UTF_8);

    /**
     * Every test request is alice's, with every scope, unless it sends its own Authorization; and every answer of
     * every test, of whatever problem type, speaks of the API, never of the classes behind it.
     */
    /** Here only an unreachable database is transient; the store's own rules are tested with the store. */
    @Bean
    FailureClassifier failures() {
        return DataAccessResourceFailureException.class::isInstance;
    }

    @Bean
    MockMvcBuilderCustomizer asAlice() {
        return builder -> builder.defaultRequest(get("/").header("Authorization",
                        TestTokens.bearer("alice", TestTokens.ALL_SCOPES)))
                .alwaysExpect(speaksOfTheApi())
                // and every answer is one docs/openapi.json describes
                .alwaysExpect(OpenApiContract.conforms());
    }

    /** An answer names no Java class; one written later is checked by {@link Answers} once it is complete. */
    static ResultMatcher speaksOfTheApi() {
        return result -> {
            if (!result.getRequest().isAsyncStarted()) {
                assertThat(result.getResponse().getContentAsString())
                        .as(result.getRequest().getMethod() + " " + result.getRequest().getRequestURI())
                        .doesNotContain("io.stocklock", "java.", "tools.jackson", "springframework");
            }
        };
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    }

    @Bean
    InMemoryStores stores() {
        return new InMemoryStores();
    }

    @Bean
    Services services(InMemoryStores stores, MutableClock clock) {
        return Services.wire(stores.ports(), clock);
    }

    @Bean
    ProcessReservationsService processReservations(Services services) {
        return services.process();
    }

    @Bean
    HoldLifecycleService holdLifecycle(Services services) {
        return services.confirm();
    }

    @Bean
    ManageStockService manageStock(Services services) {
        return services.manageStock();
    }

    @Bean
    ManageSalesService manageSales(Services services) {
        return services.manageSales();
    }

    @Bean
    WaitingListService waitForStock(Services services) {
        return services.waitForStock();
    }

    @Bean
    ImportStockService importStock(Services services) {
        return services.importStock();
    }

    @Bean
    GetStockService getStock(Services services) {
        return services.getStock();
    }

    @Bean
    GetReservationService getReservation(Services services) {
        return services.getReservation();
    }

    @Bean
    TestIntake intake(ProcessReservationsService processReservations) {
        return new TestIntake(processReservations);
    }

    @Bean
    HeldTransactions doorTransactions(InMemoryStores stores) {
        return new HeldTransactions(stores.transactions());
    }

    @Bean
    SubmitReservationService submitReservation(InMemoryStores stores, HeldTransactions doorTransactions,
                                               TestIntake intake, Services services, MutableClock clock) {
        // at most 10 units per request, so the API's answer to a request beyond the policy can be seen
        return new SubmitReservationService(doorTransactions, stores.reservations(), services.process(), intake,
                new ReservationPolicy(10, Duration.ofHours(1), Long.MAX_VALUE), clock,
                new SubmitReservationService.Settings(ID_SECRET, 100, 2, Duration.ZERO, Retries.NONE),
                failure -> false, () -> Runnable::run);
    }
}
