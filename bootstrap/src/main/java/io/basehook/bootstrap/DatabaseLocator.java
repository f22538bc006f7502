package io.basehook.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * Decides which database Basehook uses: {@code BASEHOOK_DB_URL} when given, else an embedded MariaDB whose
 * data lives in {@code BASEHOOK_DATA_DIR} (default {@code ./data}) and so survives a restart.
 */
final class DatabaseLocator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLocator.class);

    private DatabaseLocator() {
    }

    /** The datasource properties to add; empty when a URL is configured. */
    static Map<String, Object> locate(Map<String, Object> properties) {
        String url = setting(properties, "basehook.db.url", "BASEHOOK_DB_URL");
        if (url != null) {
            LOG.info("Using the database at {}", url.replaceAll("password=[^&]*", "password=***"));
            return Map.of();
        }
        String dataDir = setting(properties, "basehook.data-dir", "BASEHOOK_DATA_DIR");
        boolean disposable = Boolean.parseBoolean(
                setting(properties, "basehook.data-dir-disposable", "BASEHOOK_DATA_DIR_DISPOSABLE"));
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(Path.of(dataDir == null ? "data" : dataDir), disposable);
        LOG.info("No BASEHOOK_DB_URL given: started an embedded MariaDB on port {} with its data in {}",
                embedded.port(), embedded.dataDir());
        if (EmbeddedMariaDb.emptiedAtStart(embedded.dataDir())) {
            LOG.warn("{} is below the system temp directory ({}) and marked disposable: the embedded MariaDB starts "
                    + "it empty every time", embedded.dataDir(), System.getProperty("java.io.tmpdir"));
        }
        return Map.of(
                "basehook.db.url", embedded.jdbcUrl(),
                "basehook.db.user", EmbeddedMariaDb.USER,
                "basehook.db.password", embedded.password());
    }

    private static String setting(Map<String, Object> properties, String property, String environmentVariable) {
        Object value = properties.get(property);
        if (value == null) {
            value = System.getProperty(property);
        }
        if (value == null) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
