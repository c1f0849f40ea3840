package io.stocklock.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProblemTypesDocumentedTest {

    @Test
    void everyProblemTypeIsInDocsProblemsMd() throws IOException {
        String documented = Files.readString(Path.of("..", "docs", "problems.md"));
        for (Problems problem : Problems.values()) {
            String slug = problem.type().toString().substring(Problems.BASE.length());
            assertThat(documented).as(slug).contains("| `" + slug + "` | " + problem.status().value() + " |");
        }
    }
}
