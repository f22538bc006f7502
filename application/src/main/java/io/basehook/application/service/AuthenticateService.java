package io.basehook.application.service;

import io.basehook.application.port.in.AuthenticateUseCase;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.TokenHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

public final class AuthenticateService implements AuthenticateUseCase {

    private final byte[] adminToken;
    private final ApiTokenRepository tokens;

    public AuthenticateService(String adminToken, ApiTokenRepository tokens) {
        this.adminToken = Objects.requireNonNull(adminToken).getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    @Override
    public Actor authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            throw unauthorized();
        }
        // constant time, so the admin token cannot be guessed byte by byte from response times
        if (MessageDigest.isEqual(adminToken, bearerToken.getBytes(StandardCharsets.UTF_8))) {
            return Actor.admin();
        }
        return tokens.findByHash(TokenHash.of(bearerToken)).map(ApiToken::asActor).orElseThrow(AuthenticateService::unauthorized);
    }

    private static BasehookException unauthorized() {
        return new BasehookException(BasehookException.Kind.UNAUTHORIZED, "unauthorized",
                "a valid 'Authorization: Bearer <token>' header is required");
    }
}
