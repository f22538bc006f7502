package io.basehook.bootstrap;

import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database beside the one of the in-process {@link RunningBasehook}, on the same server (the embedded
 * MariaDB or {@code BASEHOOK_DB_URL}'s). A {@link ChildBasehook} on it delivers alone: the in-process instance, with
 * its own retry schedule and limits, would otherwise claim half of the child's deliveries.
 */
final class SeparateDatabase {

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z]+://[^/]+/)([^?]+)(.*)$");

    private SeparateDatabase() {
    }

    /** Drops and creates {@code <database>_<suffix>}; answers its JDBC URL. */
    static String fresh(String suffix) {
        ApplicationContext context = RunningBasehook.get().context();
        String url = context.getRequiredProperty("basehook.db.url", String.class);
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalStateException("cannot name a database beside " + url);
        }
        String database = parts.group(2) + "_" + suffix;
        try (Connection connection = DriverManager.getConnection(url,
                context.getProperty("basehook.db.user", String.class).orElse("root"),
                context.getProperty("basehook.db.password", String.class).orElse(""));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return parts.group(1) + database + parts.group(3);
    }
}
