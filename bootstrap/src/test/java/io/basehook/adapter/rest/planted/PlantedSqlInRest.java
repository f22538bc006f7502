package io.basehook.adapter.rest.planted;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A planted violation of DATABASE_ONLY_IN_PERSISTENCE (test sources only): a controller asking JDBC itself. */
public class PlantedSqlInRest {

    private final DataSource database;

    public PlantedSqlInRest(DataSource database) {
        this.database = database;
    }

    public boolean ready() throws SQLException {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(1);
        }
    }
}
