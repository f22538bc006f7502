package io.basehook.application.port.out;

import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;

import java.util.List;
import java.util.Optional;

public interface BaseRepository {

    void insert(Base base);

    Optional<Base> findById(BaseId id);

    /**
     * Loads the base and locks it until the transaction ends. Every write to a base's tables or rows takes
     * this lock first, so writes to one base are serialised and its events get their {@code seq} in commit order.
     */
    Optional<Base> lockById(BaseId id);

    List<Base> findAll();

    /** Deletes the base and everything in it: tables, rows, events, tokens. */
    void delete(BaseId id);
}
