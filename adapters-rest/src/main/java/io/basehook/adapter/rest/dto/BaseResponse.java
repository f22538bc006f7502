package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.base.Base;

/** A base: {@code {id, name, createdAt}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BaseResponse(String id, String name, String createdAt) {

    public static BaseResponse from(Base base) {
        return new BaseResponse(base.id().value(), base.name(), IsoTimes.format(base.createdAt()));
    }
}
