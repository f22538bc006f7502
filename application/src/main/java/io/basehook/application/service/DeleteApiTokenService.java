package io.basehook.application.service;

import io.basehook.application.port.in.DeleteApiTokenUseCase;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.token.ApiTokenId;

public final class DeleteApiTokenService implements DeleteApiTokenUseCase {

    private final ApiTokenRepository tokens;
    private final TransactionRunner transactions;

    public DeleteApiTokenService(ApiTokenRepository tokens, TransactionRunner transactions) {
        this.tokens = tokens;
        this.transactions = transactions;
    }

    @Override
    public void deleteApiToken(Actor actor, BaseId baseId, ApiTokenId tokenId) {
        actor.requireRead(baseId);
        actor.requireAdmin();
        boolean deleted = transactions.inTransaction(() -> tokens.delete(baseId, tokenId));
        if (!deleted) {
            throw BasehookException.notFound("api_token_not_found", "no API token with id " + tokenId);
        }
    }
}
