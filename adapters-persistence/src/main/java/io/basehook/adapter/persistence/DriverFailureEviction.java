package io.basehook.adapter.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Hikari evicts a connection only on connection-level SQL states; a failure of the driver itself (no server error
 * code: an {@code OutOfMemoryError} met while reading a packet, a garbled packet after it) leaves the protocol in an
 * unknown state, so such a connection is evicted too instead of failing the next request that borrows it. Named in
 * {@code datasources.default.exception-override-class-name}.
 */
public final class DriverFailureEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        // every error the server reports carries its code; 0 means the driver failed on its side of the wire
        return failure.getErrorCode() == 0 ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
