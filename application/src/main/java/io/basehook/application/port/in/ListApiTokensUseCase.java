package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;
import java.util.List;

/** A base's API tokens, without their secrets (admin only, like creating and revoking them). */
public interface ListApiTokensUseCase {

    List<ApiToken> listApiTokens(Actor actor, BaseId baseId);
}
