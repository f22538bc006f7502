package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ChangeFeed;
import io.basehook.application.port.in.ReadChangeFeedUseCase;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;

public final class ReadChangeFeedService implements ReadChangeFeedUseCase {

    private final Lookup lookup;
    private final ChangeEventOutbox outbox;
    private final TransactionRunner transactions;
    private final Limits limits;

    public ReadChangeFeedService(Lookup lookup, ChangeEventOutbox outbox, TransactionRunner transactions, Limits limits) {
        this.lookup = lookup;
        this.outbox = outbox;
        this.transactions = transactions;
        this.limits = limits;
    }

    @Override
    public ChangeFeed readChangeFeed(Actor actor, BaseId baseId, long afterSeq, int limit) {
        actor.requireRead(baseId);
        if (afterSeq < 0) {
            throw BasehookException.invalid("invalid_after", "after", "after must be 0 or a seq the feed returned");
        }
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw BasehookException.invalid("invalid_limit", "limit", "limit must be between 1 and " + limits.maxPageSize());
        }
        return transactions.readOnly(() -> {
            lookup.base(baseId);
            long lastSeq = outbox.lastSeq(baseId);
            return ChangeFeed.after(afterSeq, outbox.readAfter(baseId, afterSeq, limit, limits.maxPageBytes()),
                    lastSeq);
        });
    }
}
