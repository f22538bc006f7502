package io.basehook.adapter.rest;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.SelectOption;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A table of every interesting column type, and rows of it, as the use cases would return them. */
final class Fixtures {

    static final TableId TABLE_ID = new TableId("9g8f");
    static final Column NAME = new Column(new ColumnKey("0000"), "Name", ColumnType.TEXT, List.of());
    static final Column PRIO = new Column(new ColumnKey("589r"), "Prio", ColumnType.SINGLE_SELECT,
            List.of(new SelectOption("381992", "++", "#F4667C"), new SelectOption("381993", "+", "#59CB74")));
    static final Column PRICE = new Column(new ColumnKey("pr1c"), "Price", ColumnType.NUMBER, List.of());
    static final Column DONE = new Column(new ColumnKey("d0ne"), "Done", ColumnType.CHECKBOX, List.of());
    static final Column TAGS = new Column(new ColumnKey("tag5"), "Tags", ColumnType.MULTIPLE_SELECT,
            List.of(new SelectOption("100001", "red", "#FF0000"), new SelectOption("100002", "blue", "#0000FF")));
    static final RowId ROW_ID = new RowId("QoNno3QiTF26sxmG1sl3_g");
    static final RowId OTHER_ROW_ID = new RowId("AAAAAAAAAAAAAAAAAAAAAA");
    static final Instant LATER = Instant.parse("2026-11-28T09:15:42.517Z");

    private Fixtures() {
    }

    static Table table() {
        return Table.restore(TABLE_ID, ApiTestSupport.BASE_ID, "Opportunities", List.of(NAME, PRIO, PRICE, DONE, TAGS),
                ApiTestSupport.T0);
    }

    /** A row with a name, an option, an exact decimal, an unticked checkbox, no tags, and a cell of a deleted column. */
    static Row row() {
        return Row.restore(ROW_ID, TABLE_ID, Map.of(
                NAME.key(), new CellValue.Text("ACME renewal"),
                PRIO.key(), new CellValue.Option("381992"),
                PRICE.key(), new CellValue.Number(new java.math.BigDecimal("12345678901234567890.123456789")),
                DONE.key(), new CellValue.Checkbox(false),
                new ColumnKey("gone"), new CellValue.Text("of a deleted column")), ApiTestSupport.T0, LATER);
    }

    static Row emptyRow(RowId id) {
        return Row.restore(id, TABLE_ID, Map.of(), ApiTestSupport.T0, ApiTestSupport.T0);
    }
}
