package io.basehook.adapter.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem: {@code code} is Basehook's stable machine-readable reason, {@code errors} names the
 * fields at fault, {@code errorId} ties a 500 to its log entry.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldProblem> errors,
                      String errorId) {

    /** One invalid field as the client named it. */
    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
