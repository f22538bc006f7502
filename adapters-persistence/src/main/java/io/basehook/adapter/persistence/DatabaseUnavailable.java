package io.basehook.adapter.persistence;

import io.basehook.domain.shared.BasehookException;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells "the database cannot be reached" (server down or restarting, pool exhausted waiting for a connection) from
 * every other failure, so clients get a 503 they may retry instead of a 500 that looks like a bug.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    static RuntimeException translate(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BasehookException) {
                return failure;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause.getClass().getName().endsWith("CommunicationsException")) {
                return new BasehookException(BasehookException.Kind.UNAVAILABLE, "database_unavailable",
                        "the database cannot be reached right now; nothing was written, try again shortly");
            }
        }
        return failure;
    }
}
