package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** {@code DELETE .../rows}: how many of the named rows existed and are gone. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeletedRowsResponse(int deleted) {
}
