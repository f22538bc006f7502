package io.basehook.adapter.rest.auth;

import io.basehook.application.port.in.AuthenticateUseCase;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;

/**
 * Who may see what of the management endpoints: {@code /health} answers everyone, and shows its components only
 * to the admin token (as the principal its details are shown to); {@code /metrics} and {@code /prometheus} are open
 * unless {@code basehook.management.token} is set, and then want that token or the admin token (401 otherwise).
 */
@ServerFilter({"/health", "/health/**", "/metrics", "/metrics/**", "/prometheus", "/prometheus/**"})
public final class ManagementAccessFilter {

    private static final Principal ADMIN = () -> "admin";

    private final AuthenticateUseCase authenticate;
    private final byte[] managementToken;

    public ManagementAccessFilter(AuthenticateUseCase authenticate, ManagementConfiguration configuration) {
        this.authenticate = authenticate;
        String token = configuration.token();
        this.managementToken = token == null || token.isBlank() ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    // a token that is not the admin's is looked up in the database, which must not block the event loop
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void authorize(HttpRequest<?> request) {
        String token = BearerAuthenticationFilter.bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (request.getPath().startsWith("/health")) {
            if (token != null && isAdmin(token)) {
                request.setUserPrincipal(ADMIN);
            }
            return;
        }
        if (managementToken.length == 0) {
            return;
        }
        // constant time, like the admin token
        if (token == null || !(MessageDigest.isEqual(managementToken, token.getBytes(StandardCharsets.UTF_8))
                || isAdmin(token))) {
            throw BearerAuthenticationFilter.unauthorized();
        }
    }

    /** Any other token, or none that can be checked now, sees what anyone sees. */
    private boolean isAdmin(String token) {
        try {
            return authenticate.authenticate(token).isAdmin();
        } catch (BasehookException notAdmin) {
            return false;
        }
    }
}
