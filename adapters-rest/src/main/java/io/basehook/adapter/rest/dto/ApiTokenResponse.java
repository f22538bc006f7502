package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.token.ApiToken;

/** An API token without its secret: {@code {id, name, permission, createdAt}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiTokenResponse(String id, String name, String permission, String createdAt) {

    public static ApiTokenResponse from(ApiToken token) {
        return new ApiTokenResponse(token.id().value(), token.name(), token.permission().wireName(),
                IsoTimes.format(token.createdAt()));
    }
}
