package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

/** Deletes a base and all in it (admin only). Structure: no event. */
public interface DeleteBaseUseCase {

    void deleteBase(Actor actor, BaseId baseId);
}
