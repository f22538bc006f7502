package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.token.ApiToken;

import java.util.List;

/** {@code GET /bases/{baseId}/api-tokens}: {@code {apiTokens:[...]}}, never with secrets. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiTokenListResponse(List<ApiTokenResponse> apiTokens) {

    public static ApiTokenListResponse from(List<ApiToken> tokens) {
        return new ApiTokenListResponse(tokens.stream().map(ApiTokenResponse::from).toList());
    }
}
