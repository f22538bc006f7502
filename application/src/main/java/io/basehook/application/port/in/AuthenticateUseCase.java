package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;

/** Who a bearer token belongs to; {@code unauthorized} when nobody. */
public interface AuthenticateUseCase {

    Actor authenticate(String bearerToken);
}
