package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code bh_api_token}: only the token's SHA-256 is stored, never the token. */
@MappedEntity("bh_api_token")
record ApiTokenEntity(@Id String id, String baseId, String name, String permission, String tokenHash, long createdAt) {
}
