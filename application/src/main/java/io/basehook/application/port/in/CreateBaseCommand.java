package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;

import java.util.Objects;

public record CreateBaseCommand(Actor actor, String name) {
    public CreateBaseCommand {
        Objects.requireNonNull(actor);
    }
}
