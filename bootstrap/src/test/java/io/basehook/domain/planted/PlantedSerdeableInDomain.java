package io.basehook.domain.planted;

import io.micronaut.serde.annotation.Serdeable;

/** A planted violation of NO_FRAMEWORK_ANNOTATIONS_ON_DOMAIN (test sources only): a domain type marked for serde. */
@Serdeable
public record PlantedSerdeableInDomain(String name) {
}
