package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.application.port.in.BasePage;

import java.util.List;

/** {@code GET /bases}: {@code {bases:[...], nextCursor}}, {@code nextCursor} null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BaseListResponse(List<BaseResponse> bases, String nextCursor) {

    public static BaseListResponse from(BasePage page) {
        return new BaseListResponse(page.bases().stream().map(BaseResponse::from).toList(), page.nextCursor());
    }
}
