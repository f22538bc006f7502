package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
public final class JdbcApiTokenRepository implements ApiTokenRepository {

    private final ApiTokenEntityRepository tokens;

    JdbcApiTokenRepository(ApiTokenEntityRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public void insert(ApiToken token) {
        tokens.save(EntityMapper.toEntity(token));
    }

    @Override
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return tokens.findByTokenHash(hash.value()).map(EntityMapper::toDomain);
    }

    @Override
    public List<ApiToken> findByBase(BaseId baseId) {
        return tokens.listByBase(baseId.value()).stream().map(EntityMapper::toDomain).toList();
    }

    @Override
    public boolean delete(BaseId baseId, ApiTokenId id) {
        return tokens.deleteByBaseIdAndId(baseId.value(), id.value()) > 0;
    }
}
