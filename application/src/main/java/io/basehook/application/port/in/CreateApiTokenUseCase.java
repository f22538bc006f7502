package io.basehook.application.port.in;

import io.basehook.domain.token.ApiToken;

/** Issues an API token for a base (admin only). Configuration: no event. */
public interface CreateApiTokenUseCase {

    ApiToken.Issued createApiToken(CreateApiTokenCommand command);
}
