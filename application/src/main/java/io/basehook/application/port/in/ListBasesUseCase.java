package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.Base;
import java.util.List;

/** The bases the actor can see: all for the admin, its own for a base token. */
public interface ListBasesUseCase {

    List<Base> listBases(Actor actor);
}
