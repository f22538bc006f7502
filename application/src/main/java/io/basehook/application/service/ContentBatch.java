package io.basehook.application.service;

import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One base's part of a combined transaction of content writes (see {@link WriteCombiner}): the base locked once, each
 * table read once, one time for all, and the rows and events of every write in the order the writes ran, to be
 * written and recorded once. Each write runs in turn and sees what the ones before it wrote.
 */
final class ContentBatch {

    private final BaseId baseId;
    private final Lookup lookup;
    private final Instant now;
    private final Map<TableId, Table> tables = new HashMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private final List<Row> inserted = new ArrayList<>();

    private ContentBatch(BaseId baseId, Lookup lookup, Instant now) {
        this.baseId = baseId;
        this.lookup = lookup;
        this.now = now;
    }

    /**
     * In one transaction with the base locked: each slot's {@code write}, whose checks must come before its own
     * writes (a {@link BasehookException} fails that slot alone); then {@code finish}, with the batch's events,
     * unless every slot failed, in which case the transaction rolls back.
     */
    static <C, R> void run(TransactionRunner transactions, Lookup lookup, BaseId baseId, Instant now,
                           List<WriteCombiner.Slot<C, R>> slots, BiFunction<C, ContentBatch, R> write,
                           Consumer<ContentBatch> finish) {
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            ContentBatch batch = new ContentBatch(baseId, lookup, now);
            BasehookException nothingWritten = batch.writeEach(slots, write);
            if (nothingWritten != null) {
                throw nothingWritten; // nothing to write: roll back; each write keeps its own error
            }
            finish.accept(batch);
            return null;
        });
    }

    /** A batch for a base the caller has locked in its transaction, for writes that several bases share. */
    static ContentBatch locked(BaseId baseId, Lookup lookup, Instant now) {
        return new ContentBatch(baseId, lookup, now);
    }

    /**
     * Runs each slot's {@code write} in turn, whose checks must come before its own writes (a
     * {@link BasehookException} fails that slot alone).
     *
     * @return the first slot's error if every slot failed (there is nothing to write), otherwise null
     */
    <C, R> BasehookException writeEach(List<WriteCombiner.Slot<C, R>> slots, BiFunction<C, ContentBatch, R> write) {
        BasehookException firstError = null;
        boolean anySucceeded = false;
        for (WriteCombiner.Slot<C, R> slot : slots) {
            try {
                slot.succeed(write.apply(slot.command(), this));
                anySucceeded = true;
            } catch (BasehookException e) {
                slot.fail(e);
                firstError = firstError == null ? e : firstError;
            }
        }
        return anySucceeded ? null : firstError;
    }

    Instant now() {
        return now;
    }

    Table table(TableId tableId) {
        Table table = tables.get(tableId);
        if (table == null) {
            table = lookup.table(baseId, tableId);
            tables.put(tableId, table);
        }
        return table;
    }

    void add(ChangeEvent event) {
        events.add(event);
    }

    /** A row the batch creates: written with the others once every write ran. */
    void insert(Row row) {
        inserted.add(row);
    }

    List<Row> inserted() {
        return inserted;
    }

    BaseId baseId() {
        return baseId;
    }

    List<ChangeEvent> events() {
        return events;
    }
}
