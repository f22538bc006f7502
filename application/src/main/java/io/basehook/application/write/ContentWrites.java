package io.basehook.application.write;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;

/**
 * How a content use case runs its write: in a transaction that holds its base's lock, after which the rows the write
 * created are stored and the changes it recorded become events and deliveries, in the same transaction. Whether the
 * write has that transaction to itself ({@link TransactionPerWrite}) or shares it with the writes that arrived
 * meanwhile ({@link GroupCommit}) is the strategy's business; the use case reads the same either way.
 */
public interface ContentWrites {

    /**
     * Runs {@code write} with {@code baseId} locked and returns its result, or throws its error.
     *
     * @param rows  the rows the write takes, which bounds how many writes share one transaction
     * @param bytes what its values weigh ({@link WriteSize}), which bounds it too
     * @param write checks everything before it changes anything: a {@link BasehookException} it throws fails this
     *              write alone, and nothing of it is stored
     */
    <R> R inLockedBase(BaseId baseId, int rows, long bytes, Write<R> write);

    /** One content write, run with its base locked. */
    @FunctionalInterface
    interface Write<R> {
        R run(LockedBase base);
    }
}
