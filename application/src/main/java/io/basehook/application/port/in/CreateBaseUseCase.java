package io.basehook.application.port.in;

import io.basehook.domain.base.Base;

/** Creates a base (admin only). Structure: no event. */
public interface CreateBaseUseCase {

    Base createBase(CreateBaseCommand command);
}
