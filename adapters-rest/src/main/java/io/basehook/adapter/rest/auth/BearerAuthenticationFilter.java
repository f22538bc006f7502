package io.basehook.adapter.rest.auth;

import io.basehook.application.port.in.AuthenticateUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Resolves {@code Authorization: Bearer <token>} of every API request into the {@link Actor} the controllers
 * receive; a missing or unknown token ends the request with 401 before any route runs.
 */
@ServerFilter("/api/**")
public final class BearerAuthenticationFilter {

    /** The request attribute that carries the authenticated {@link Actor}. */
    public static final String ACTOR_ATTRIBUTE = "basehook.actor";
    private static final String SCHEME = "Bearer ";

    private final AuthenticateUseCase authenticate;

    public BearerAuthenticationFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    // a token lookup may hit the database, which must not block the event loop
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void authenticate(HttpRequest<?> request) {
        String token = bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw unauthorized();
        }
        request.setAttribute(ACTOR_ATTRIBUTE, authenticate.authenticate(token));
    }

    static BasehookException unauthorized() {
        return new BasehookException(BasehookException.Kind.UNAUTHORIZED, "unauthorized",
                "a valid 'Authorization: Bearer <token>' header is required");
    }

    static String bearerToken(String header) {
        // the auth scheme is case-insensitive (RFC 9110 §11.1)
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
