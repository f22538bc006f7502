package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.CreateApiTokenCommand;
import io.basehook.application.port.in.CreateApiTokenUseCase;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.token.ApiToken;

import java.time.Clock;

public final class CreateApiTokenService implements CreateApiTokenUseCase {

    private final Lookup lookup;
    private final ApiTokenRepository tokens;
    private final TransactionRunner transactions;
    private final Clock clock;

    public CreateApiTokenService(Lookup lookup, ApiTokenRepository tokens, TransactionRunner transactions, Clock clock) {
        this.lookup = lookup;
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ApiToken.Issued createApiToken(CreateApiTokenCommand command) {
        command.actor().requireRead(command.baseId());
        command.actor().requireAdmin();
        ApiToken.Issued issued = ApiToken.issue(command.baseId(), command.name(), command.permission(), clock.instant());
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            tokens.insert(issued.token());
            return issued;
        });
    }
}
