package io.basehook.domain.token;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.Names;
import io.basehook.domain.shared.RandomIds;

import java.time.Instant;
import java.util.Objects;

/** A base API token. Only its hash is kept; the token itself exists once, in {@link Issued}. */
public final class ApiToken {

    /** A token just created, with the secret that is shown this one time. */
    public record Issued(ApiToken token, String secret) {
    }

    private final ApiTokenId id;
    private final BaseId baseId;
    private final String name;
    private final Permission permission;
    private final TokenHash hash;
    private final Instant createdAt;

    private ApiToken(ApiTokenId id, BaseId baseId, String name, Permission permission, TokenHash hash, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.baseId = Objects.requireNonNull(baseId);
        this.name = Names.require(name, "name");
        this.permission = Objects.requireNonNull(permission);
        this.hash = Objects.requireNonNull(hash);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public static Issued issue(BaseId baseId, String name, Permission permission, Instant now) {
        String secret = "bh_" + RandomIds.urlSafeBase64(32);
        ApiToken token = new ApiToken(ApiTokenId.random(), baseId, name, permission, TokenHash.of(secret), now);
        return new Issued(token, secret);
    }

    public static ApiToken restore(ApiTokenId id, BaseId baseId, String name, Permission permission, TokenHash hash,
                                   Instant createdAt) {
        return new ApiToken(id, baseId, name, permission, hash, createdAt);
    }

    public Actor asActor() {
        return Actor.token(name, baseId, permission);
    }

    public ApiTokenId id() {
        return id;
    }

    public BaseId baseId() {
        return baseId;
    }

    public String name() {
        return name;
    }

    public Permission permission() {
        return permission;
    }

    public TokenHash hash() {
        return hash;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
