package io.basehook.adapter.rest.dto;

import io.basehook.domain.table.OptionSpec;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/** A select option as sent: {@code id} only to keep an existing option, {@code color} optional. */
@Serdeable
public record OptionRequest(@Schema(requiredMode = NOT_REQUIRED) String id, String name,
                            @Schema(requiredMode = NOT_REQUIRED) String color) {

    public OptionSpec toSpec() {
        return new OptionSpec(id, name, color);
    }
}
