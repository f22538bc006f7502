package io.basehook.domain.access;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;

import java.util.Objects;

/**
 * Who makes a request: the administrator, or a base API token. Answers what it may do, and names
 * itself in change events ({@code op_user}, {@code op_app}).
 */
public final class Actor {

    private static final Actor ADMIN = new Actor("admin", null, Permission.READ_WRITE);

    private final String name;
    private final BaseId baseId;
    private final Permission permission;

    // private: the admin exists once, so no caller can make one by passing a null base
    private Actor(String name, BaseId baseId, Permission permission) {
        this.name = Objects.requireNonNull(name);
        this.baseId = baseId;
        this.permission = Objects.requireNonNull(permission);
    }

    public String name() {
        return name;
    }

    /** The token's base; null for the admin. */
    public BaseId baseId() {
        return baseId;
    }

    public Permission permission() {
        return permission;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Actor actor && name.equals(actor.name) && Objects.equals(baseId, actor.baseId)
                && permission == actor.permission;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, baseId, permission);
    }

    @Override
    public String toString() {
        return isAdmin() ? "admin" : "token " + name + " (" + permission.wireName() + ") of base " + baseId;
    }

    public static Actor admin() {
        return ADMIN;
    }

    public static Actor token(String tokenName, BaseId baseId, Permission permission) {
        return new Actor(tokenName, Objects.requireNonNull(baseId), permission);
    }

    public boolean isAdmin() {
        return baseId == null;
    }

    public boolean canSee(BaseId base) {
        return isAdmin() || baseId.equals(base);
    }

    /** Another base is invisible to a token: it answers as if the base did not exist. */
    public void requireRead(BaseId base) {
        if (!canSee(base)) {
            throw BasehookException.notFound("base_not_found", "no base with id " + base);
        }
    }

    public void requireWrite(BaseId base) {
        requireRead(base);
        if (permission != Permission.READ_WRITE) {
            throw new BasehookException(BasehookException.Kind.FORBIDDEN, "read_only_token",
                    "this API token may only read");
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new BasehookException(BasehookException.Kind.FORBIDDEN, "admin_only",
                    "only the admin token may do this");
        }
    }

    /** SeaTable's {@code op_user}: who made the change. */
    public String opUser() {
        return isAdmin() ? "admin" : "token:" + name;
    }

    /** SeaTable's {@code op_app}: the API token's name; null for the admin. */
    public String opApp() {
        return isAdmin() ? null : name;
    }
}
