package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code bh_base}; {@code lastSeq} is the base's event counter, owned by the outbox. */
@MappedEntity("bh_base")
record BaseEntity(@Id String id, String name, long createdAt, long lastSeq) {
}
