package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.token.ApiToken;

/** A token just created, with {@code token}: the only time the secret is shown. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssuedApiTokenResponse(String id, String name, String permission, String createdAt, String token) {

    public static IssuedApiTokenResponse from(ApiToken.Issued issued) {
        ApiToken token = issued.token();
        return new IssuedApiTokenResponse(token.id().value(), token.name(), token.permission().wireName(),
                IsoTimes.format(token.createdAt()), issued.secret());
    }
}
