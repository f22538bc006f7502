package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.base.Base;

import java.util.List;

/** {@code GET /bases}: {@code {bases:[...]}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BaseListResponse(List<BaseResponse> bases) {

    public static BaseListResponse from(List<Base> bases) {
        return new BaseListResponse(bases.stream().map(BaseResponse::from).toList());
    }
}
