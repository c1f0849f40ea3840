package io.stocklock.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    record Line(String sku, Long quantity) {
    }

    record Body(List<Line> lines, Long holdSeconds, String note) {
    }

    private final JsonMapper json = StrictJson.mapper();

    @Test
    void readsWhatTheContractSays() {
        Body body = json.readValue("{\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}],\"holdSeconds\":60}", Body.class);

        assertThat(body).isEqualTo(new Body(List.of(new Line("A-1", 2L)), 60L, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"lines":[{"sku":"A","quantity":1.5}]}           | lines[0].quantity must be a JSON integer
            {"lines":[{"sku":"A","quantity":1e0}]}           | lines[0].quantity must be a JSON integer
            {"lines":[{"sku":"A","quantity":1.0}]}           | lines[0].quantity must be a JSON integer
            {"lines":[{"sku":"A","quantity":"1"}]}           | lines[0].quantity must be a JSON integer
            {"lines":[{"sku":"A","quantity":true}]}          | lines[0].quantity must be a JSON integer
            {"lines":[{"sku":7,"quantity":1}]}               | lines[0].sku must be a JSON string
            {"lines":[{"sku":"A","quantity":1}],"holdSeconds":"60"} | holdSeconds must be a JSON integer
            {"lines":{"sku":"A","quantity":1}}               | lines must be a JSON array
            {"lines":"A"}                                    | lines must be a JSON array
            []                                               | the document must be a JSON object
            "lines"                                          | the document must be a JSON object
            {"lines":[{"sku":"A","quantity":99999999999999999999}]} | lines[0].quantity is too large
            {"lines":[],"owner":"x"}                         | unknown field 'owner'
            {"lines":[{"sku":"A","quantity":1,"status":"RESERVED"}]} | unknown field 'status' in lines[0]
            """)
    void refusesWhatItIsNotAndSaysWhereInTheApisWords(String document, String reason) {
        JacksonException failure = catchThrowableOfType(JacksonException.class,
                () -> json.readValue(document, Body.class));

        assertThat(StrictJson.describe(failure)).isEqualTo(reason);
        assertThat(StrictJson.refusesAValue(failure)).isEqualTo(!reason.startsWith("unknown")
                && !reason.startsWith("the document"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"lines":[],"lines":[]}                          | Duplicate Object property "lines"
            {"lines":[{"sku":"A","sku":"B","quantity":1}]}   | Duplicate Object property "sku"
            {"lines":[]} {"lines":[]}                        | Trailing token
            {"lines":[                                       | end-of-input
            {lines:[]}                                       | was expecting double-quote
            """)
    void refusesDocumentsThatParsersCouldReadDifferently(String document, String reason) {
        JacksonException failure = catchThrowableOfType(JacksonException.class,
                () -> json.readValue(document, Body.class));

        assertThat(StrictJson.describe(failure)).contains(reason).contains("line 1, column");
        assertThat(StrictJson.refusesAValue(failure)).isFalse();
    }

    @Test
    void noDescriptionNamesAJavaType() {
        for (String document : List.of("[]", "{\"lines\":5}", "{\"lines\":[{\"sku\":[],\"quantity\":1}]}",
                "{\"holdSeconds\":{}}", "{\"lines\":[null,{\"quantity\":{}}]}", "{\"note\":1}")) {
            JacksonException failure = catchThrowableOfType(JacksonException.class,
                    () -> json.readValue(document, Body.class));

            assertThat(StrictJson.describe(failure)).as(document)
                    .doesNotContain("io.stocklock", "java.", "tools.jackson", "Long", "String", "StrictJsonTest");
        }
    }
}
