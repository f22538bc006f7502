package io.basehook.domain.base;

import io.basehook.domain.shared.Names;

import java.time.Instant;
import java.util.Objects;

/** A base: a small database of tables. Its tables are their own aggregates and refer to it by id. */
public final class Base {

    private final BaseId id;
    private final String name;
    private final Instant createdAt;

    private Base(BaseId id, String name, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Names.require(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public static Base create(String name, Instant now) {
        return new Base(BaseId.random(), name, now);
    }

    public static Base restore(BaseId id, String name, Instant createdAt) {
        return new Base(id, name, createdAt);
    }

    /** The same base under a new name; a base is immutable, so the caller stores the copy. */
    public Base renamed(String newName) {
        return new Base(id, newName, createdAt);
    }

    public BaseId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
