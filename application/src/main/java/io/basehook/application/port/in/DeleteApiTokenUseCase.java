package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiTokenId;

/** Revokes an API token (admin only). Configuration: no event. */
public interface DeleteApiTokenUseCase {

    void deleteApiToken(Actor actor, BaseId baseId, ApiTokenId tokenId);
}
