package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code bh_base}; {@code lastSeq} is the base's event counter, owned by the outbox, and
 * {@code structureRevision} and {@code webhooksRevision} count changes of its tables and of its webhooks
 * ({@link StructureCache}).
 */
@MappedEntity("bh_base")
record BaseEntity(@Id String id, String name, long createdAt, long lastSeq, long structureRevision,
                  long webhooksRevision) {
}
