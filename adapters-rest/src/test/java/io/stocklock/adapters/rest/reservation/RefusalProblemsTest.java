package io.stocklock.adapters.rest.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.domain.reservation.RejectionCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Each reason the domain rejects a request has a problem type of its own, which the submit operation declares. */
class RefusalProblemsTest {

    @Test
    void everyRejectionCodeHasItsOwnConflictProblemDeclaredBySubmit() {
        Set<Problems> declared = Arrays.stream(SubmitController.class.getDeclaredMethods())
                .filter(method -> method.getName().equals("submit"))
                .map(method -> method.getAnnotation(OperationContract.class))
                .flatMap(contract -> Arrays.stream(contract.problems()))
                .collect(Collectors.toSet());
        Set<Problems> mapped = EnumSet.noneOf(Problems.class);
        for (RejectionCode code : RejectionCode.values()) {
            Problems problem = Problems.rejected(code);
            assertThat(problem.status()).as(code.name()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(declared).as(code.name()).contains(problem);
            mapped.add(problem);
        }
        assertThat(mapped).as("one problem type per code").hasSize(RejectionCode.values().length);
    }
}
