package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

/** A base with its tables. */
public interface GetBaseUseCase {

    BaseWithTables getBase(Actor actor, BaseId baseId);
}
