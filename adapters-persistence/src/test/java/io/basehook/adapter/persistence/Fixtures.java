package io.basehook.adapter.persistence;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Domain objects for the tests, built through the domain's own factories. */
final class Fixtures {

    /** Has milliseconds on purpose: storage must not drop them. */
    static final Instant NOW = Instant.parse("2026-11-27T14:30:05.123Z");

    private Fixtures() {
    }

    static Base base() {
        return Base.create("Sales pipeline", NOW);
    }

    /** A table with one column of each stored kind: text, number, checkbox, date, single and multiple select. */
    static Table table(BaseId baseId, String name) {
        List<OptionSpec> options = List.of(new OptionSpec("381992", "++", "#F4667C"), new OptionSpec("1", "+", null),
                new OptionSpec("2", "-", null));
        return Table.create(baseId, name, List.of(
                new ColumnSpec("Name", ColumnType.TEXT, List.of()),
                new ColumnSpec("Amount", ColumnType.NUMBER, List.of()),
                new ColumnSpec("Won", ColumnType.CHECKBOX, List.of()),
                new ColumnSpec("Close", ColumnType.DATE, List.of()),
                new ColumnSpec("Prio", ColumnType.SINGLE_SELECT, options),
                new ColumnSpec("Tags", ColumnType.MULTIPLE_SELECT, options)), Set.of(), 500, NOW);
    }

    static ColumnKey key(Table table, String columnName) {
        return table.columnNamed(columnName).orElseThrow().key();
    }

    static Row row(Table table, String name) {
        return Row.restore(RowId.random(), table.id(), Map.of(key(table, "Name"), new CellValue.Text(name)), NOW, NOW);
    }

    static StoredEvent event(BaseId baseId, long seq) {
        return new StoredEvent(baseId, seq, EventId.at(NOW), OpType.INSERT_ROW, NOW, "{\"seq\":" + seq + "}");
    }

    static Webhook webhook(BaseId baseId, boolean enabled) {
        return Webhook.create(baseId, new WebhookUrl("https://hooks.example.com/basehook"), null, "CRM sync", enabled, NOW);
    }
}
