package io.stocklock.adapters.json;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How both intakes read a request: a value is exactly what the contract says or it is refused. A number field takes
 * a JSON integer only ({@code 1.5}, {@code 1e0}, {@code 1.0} and {@code "1"} are refused, not rounded or parsed), a
 * string field a JSON string only, a field may appear once (parsers that disagree on which of two counts are a hole),
 * a field the contract does not name is refused, and nothing may follow the document. A refusal is described in the
 * API's words: the field's path and what it must be.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The strict reading, applied to a builder (Spring Boot's, or a fresh one). */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfigDefaults(coercion -> {
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                        coercion.setCoercion(shape, CoercionAction.Fail);
                    }
                });
    }

    public static JsonMapper mapper() {
        return strict(JsonMapper.builder()).build();
    }

    /** What is wrong with a document, for a problem detail or a dead letter: never a Java type. */
    public static String describe(JacksonException failure) {
        String at = path(failure.getPath());
        if (failure instanceof UnrecognizedPropertyException unknown) {
            String parent = at.contains(".") ? at.substring(0, at.lastIndexOf('.')) : "";
            return "unknown field '" + unknown.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent);
        }
        if (failure instanceof InputCoercionException) {
            return (at.isEmpty() ? "a number" : at) + " is too large";
        }
        if (failure.getOriginalMessage().startsWith("Trailing token")) {
            return "Trailing token: nothing may follow the document" + where(failure.getLocation());
        }
        if (failure instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return (at.isEmpty() ? "the document" : at) + " must be " + jsonTypeOf(mismatched.getTargetType());
        }
        if (failure instanceof StreamReadException) {
            // the parser's own words (a duplicate field, an unexpected character) speak of JSON, not of Java
            return failure.getOriginalMessage() + where(failure.getLocation());
        }
        return (at.isEmpty() ? "the document" : at) + " is not of the expected shape";
    }

    /**
     * Whether the document was readable and only a value in it is not what the contract says (a number where a
     * string belongs, {@code 1.5} for a quantity), as opposed to a document that is not JSON, not of the expected
     * shape, or has fields twice or unknown.
     */
    public static boolean refusesAValue(JacksonException failure) {
        return (failure instanceof MismatchedInputException || failure instanceof InputCoercionException)
                && !(failure instanceof UnrecognizedPropertyException)
                && !failure.getOriginalMessage().startsWith("Trailing token")
                && !failure.getPath().isEmpty();
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == Long.class || type == Integer.class || type == Short.class || type == long.class
                || type == int.class || type == short.class) {
            return "a JSON integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a JSON number";
        }
        if (type == String.class) {
            return "a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "a JSON object" : "a JSON value";
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
