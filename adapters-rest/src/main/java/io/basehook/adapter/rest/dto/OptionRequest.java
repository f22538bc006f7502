package io.basehook.adapter.rest.dto;

import io.basehook.domain.table.OptionSpec;
import io.micronaut.serde.annotation.Serdeable;

/** A select option as sent: {@code id} only to keep an existing option, {@code color} optional. */
@Serdeable
public record OptionRequest(String id, String name, String color) {

    public OptionSpec toSpec() {
        return new OptionSpec(id, name, color);
    }
}
