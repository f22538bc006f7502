package io.basehook.domain.planted;

import java.nio.file.Path;

/** A planted violation of DOMAIN_IS_PURE_JAVA (test sources only): the domain naming a file on disk. */
public record PlantedFileInDomain(Path location) {
}
