package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;

/**
 * The bases the actor can see, oldest first and a page at a time: all for the admin, its own for a base token.
 * A {@code null} cursor asks for the first page.
 */
public interface ListBasesUseCase {

    BasePage listBases(Actor actor, int limit, String cursor);
}
