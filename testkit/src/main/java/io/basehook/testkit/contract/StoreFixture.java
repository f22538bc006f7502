package io.basehook.testkit.contract;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookUrl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store the storage contracts run against: one adapter per port, all over the same data, as the application
 * wires them. An adapter's test implements this once and then the contracts it means to pass, such as
 * {@link BaseRepositoryContract} and {@link RowRepositoryContract}.
 * <p>
 * Every test makes its own bases and reads only what it made, so the store need not be empty and tests may share
 * it. Writes follow the ports' own rules: a change of a base's content, tables or webhooks runs in a transaction that
 * has locked the base first. Every time is explicit: no test reads a clock.
 */
public interface StoreFixture {

    /** Has milliseconds on purpose: a store must not drop them. */
    Instant T0 = Instant.parse("2026-11-27T14:30:05.123Z");

    BaseRepository bases();

    TableRepository tables();

    RowRepository rows();

    ChangeEventOutbox outbox();

    WebhookRepository webhooks();

    ApiTokenRepository tokens();

    TransactionRunner transactions();

    // helpers for the contracts

    /** A new base, stored. */
    default Base newBase() {
        Base base = Base.create("Sales pipeline ✓", T0);
        bases().insert(base);
        return base;
    }

    /** Runs {@code work} in a transaction that locks the base first, as every write to a base does. */
    default <T> T inLockedBase(BaseId baseId, Supplier<T> work) {
        return transactions().inTransaction(() -> {
            bases().lockById(baseId).orElseThrow();
            return work.get();
        });
    }

    default void inLockedBase(BaseId baseId, Runnable work) {
        inLockedBase(baseId, () -> {
            work.run();
            return null;
        });
    }

    /** A new table of the base, stored, with one column of each kind a cell is stored as. */
    default Table newTable(BaseId baseId, String name) {
        List<OptionSpec> options = List.of(new OptionSpec("381992", "++", "#F4667C"), new OptionSpec("1", "+", null),
                new OptionSpec("2", "-", null));
        Table table = Table.create(baseId, name, List.of(
                new ColumnSpec("Name", ColumnType.TEXT, List.of()),
                new ColumnSpec("Amount", ColumnType.NUMBER, List.of()),
                new ColumnSpec("Won", ColumnType.CHECKBOX, List.of()),
                new ColumnSpec("Close", ColumnType.DATE, List.of()),
                new ColumnSpec("Prio", ColumnType.SINGLE_SELECT, options),
                new ColumnSpec("Tags", ColumnType.MULTIPLE_SELECT, options)), Set.of(), 500, T0);
        inLockedBase(baseId, () -> tables().insert(table));
        return table;
    }

    default ColumnKey key(Table table, String columnName) {
        return table.columnNamed(columnName).orElseThrow().key();
    }

    /** Cells by column name and value: {@code cells(table, "Name", new CellValue.Text("a"), ...)}. */
    default Map<ColumnKey, CellValue> cells(Table table, Object... namesAndValues) {
        Map<ColumnKey, CellValue> cells = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put(key(table, (String) namesAndValues[i]), (CellValue) namesAndValues[i + 1]);
        }
        return cells;
    }

    /** A row (not stored) whose Name is {@code name}, created and updated at {@link #T0}. */
    default Row row(Table table, String name) {
        return Row.restore(RowId.random(), table.id(), cells(table, "Name", new CellValue.Text(name)), T0, T0);
    }

    /** Stores the rows of the table, in the transaction of a content write. */
    default List<Row> insertRows(Table table, List<Row> rows) {
        inLockedBase(table.baseId(), () -> rows().insertAll(table.baseId(), rows));
        return rows;
    }

    /**
     * Appends one event per payload to the base's outbox, as a content write does: numbered on from the base's last
     * {@code seq}, occurred at {@link #T0}.
     */
    default List<StoredEvent> appendEvents(BaseId baseId, OpType type, List<String> payloads) {
        return inLockedBase(baseId, () -> {
            long first = outbox().reserveSeqs(baseId, payloads.size());
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                events.add(new StoredEvent(baseId, first + i, EventId.at(T0), type, T0, payloads.get(i)));
            }
            outbox().append(events);
            return events;
        });
    }

    /** A new webhook of the base, stored. */
    default Webhook newWebhook(BaseId baseId, boolean enabled) {
        Webhook webhook = Webhook.create(baseId, new WebhookUrl("https://hooks.example.com/basehook"), null,
                "CRM sync", enabled, T0);
        inLockedBase(baseId, () -> webhooks().insert(webhook));
        return webhook;
    }
}
