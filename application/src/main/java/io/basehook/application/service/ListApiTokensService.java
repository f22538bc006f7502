package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ListApiTokensUseCase;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;

import java.util.List;

public final class ListApiTokensService implements ListApiTokensUseCase {

    private final Lookup lookup;
    private final ApiTokenRepository tokens;
    private final TransactionRunner transactions;

    public ListApiTokensService(Lookup lookup, ApiTokenRepository tokens, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tokens = tokens;
        this.transactions = transactions;
    }

    @Override
    public List<ApiToken> listApiTokens(Actor actor, BaseId baseId) {
        actor.requireRead(baseId);
        actor.requireAdmin();
        return transactions.readOnly(() -> {
            lookup.base(baseId);
            return tokens.findByBase(baseId);
        });
    }
}
