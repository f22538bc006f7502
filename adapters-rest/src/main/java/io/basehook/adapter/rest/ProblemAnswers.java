package io.basehook.adapter.rest;

import io.basehook.adapter.rest.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For the OpenAPI document: every route of the controller it marks may answer an error as
 * {@code application/problem+json}, besides its success.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "4XX", description = "The request was refused: invalid, unauthenticated, forbidden, "
        + "not found, in conflict, over a limit, too large or of an unsupported type",
        content = @Content(mediaType = ProblemAnswers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "An unexpected failure (its errorId is in the log), or 503 with "
        + "Retry-After while the database or a memory budget is unavailable",
        content = @Content(mediaType = ProblemAnswers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
public @interface ProblemAnswers {

    /** The media type of every error answer. */
    String PROBLEM_JSON = "application/problem+json";
}
