package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;

import java.util.List;
import java.util.Optional;

public interface ApiTokenRepository {

    void insert(ApiToken token);

    Optional<ApiToken> findByHash(TokenHash hash);

    List<ApiToken> findByBase(BaseId baseId);

    /** @return whether the token existed */
    boolean delete(BaseId baseId, ApiTokenId id);
}
