package io.stocklock.adapters.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an operation of the API needs and how it can refuse, for the OpenAPI document ({@link OpenApiDocument}): the
 * token scope it needs, and the problem types it answers besides those every operation can answer (401, 403, 429,
 * 500, 503 {@code database-unavailable}, and for operations with parameters or a body 400, 413, 415).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationContract {

    /** The scope a token needs for this operation, as the security configuration demands it. */
    String scope();

    /** The problem types only this operation (or a few) can answer with. */
    Problems[] problems() default {};
}
