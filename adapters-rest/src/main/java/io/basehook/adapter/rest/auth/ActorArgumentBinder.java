package io.basehook.adapter.rest.auth;

import io.basehook.domain.access.Actor;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller method take the request's {@link Actor} as a plain parameter. */
@Singleton
public final class ActorArgumentBinder implements TypedRequestArgumentBinder<Actor> {

    private static final Argument<Actor> TYPE = Argument.of(Actor.class);

    @Override
    public Argument<Actor> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Actor> bind(ArgumentConversionContext<Actor> context, HttpRequest<?> source) {
        // no actor means the filter did not run for this path: refuse rather than act as nobody
        Actor actor = source.getAttribute(BearerAuthenticationFilter.ACTOR_ATTRIBUTE, Actor.class)
                .orElseThrow(BearerAuthenticationFilter::unauthorized);
        return () -> Optional.of(actor);
    }
}
