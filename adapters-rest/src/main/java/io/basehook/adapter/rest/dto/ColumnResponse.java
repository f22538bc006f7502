package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.SelectOption;

import java.util.List;

/** A column: {@code {key, name, type, options}}; options is always there, empty unless the type is a select. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ColumnResponse(String key, String name, String type, List<OptionResponse> options) {

    public static ColumnResponse from(Column column) {
        return new ColumnResponse(column.key().value(), column.name(), column.type().wireName(),
                column.options().stream().map(OptionResponse::from).toList());
    }

    /** A select option: {@code {id, name, color}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OptionResponse(String id, String name, String color) {

        public static OptionResponse from(SelectOption option) {
            return new OptionResponse(option.id(), option.name(), option.color());
        }
    }
}
