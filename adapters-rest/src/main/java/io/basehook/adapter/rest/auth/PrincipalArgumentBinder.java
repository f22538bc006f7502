package io.basehook.adapter.rest.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.security.Principal;

/**
 * Gives the health endpoint the principal {@link ManagementAccessFilter} set for the admin token: without
 * micronaut-security nothing binds a {@link Principal}, and the endpoint would show its components to nobody.
 */
@Singleton
public final class PrincipalArgumentBinder implements TypedRequestArgumentBinder<Principal> {

    private static final Argument<Principal> TYPE = Argument.of(Principal.class);

    @Override
    public Argument<Principal> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
        return source::getUserPrincipal;
    }
}
