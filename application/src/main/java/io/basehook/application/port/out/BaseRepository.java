package io.basehook.application.port.out;

import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface BaseRepository {

    void insert(Base base);

    Optional<Base> findById(BaseId id);

    /** Stores the base's new name; a base that does not exist is left alone. */
    void update(Base base);

    /**
     * Loads the base and locks it until the transaction ends. Every write to a base's tables or rows takes
     * this lock first, so writes to one base are serialised and its events get their {@code seq} in commit order.
     */
    Optional<Base> lockById(BaseId id);

    /**
     * Locks, until the transaction ends, those of the bases that exist and that no other transaction holds,
     * without waiting for any: a base another write holds is left out, as is one that does not exist. Locks are
     * taken in id order, so two callers never wait on each other in a cycle.
     *
     * @return the bases now locked, in id order
     */
    List<BaseId> lockAvailable(Collection<BaseId> ids);

    List<Base> findAll();

    /** Deletes the base and everything in it: tables, rows, events, tokens. */
    void delete(BaseId id);
}
