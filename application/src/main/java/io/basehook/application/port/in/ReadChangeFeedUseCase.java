package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

/** A base's content events after a {@code seq}, in commit order. */
public interface ReadChangeFeedUseCase {

    ChangeFeed readChangeFeed(Actor actor, BaseId baseId, long afterSeq, int limit);
}
