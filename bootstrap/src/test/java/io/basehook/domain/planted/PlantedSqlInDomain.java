package io.basehook.domain.planted;

import java.sql.Connection;

/** A planted violation (test sources only): the domain reaching for JDBC. ArchitectureTest must catch it. */
public class PlantedSqlInDomain {

    public boolean isOpen(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
