package io.basehook.domain.table;

import io.basehook.domain.base.BaseId;

import java.time.Instant;
import java.util.List;

/** One table with a column of every type and fixed keys, so tests can name cells without lookups. */
public final class SampleTables {

    public static final BaseId BASE = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    public static final TableId TABLE = new TableId("9g8f");
    public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    public static final Column NAME = new Column(new ColumnKey("Nam1"), "Name", ColumnType.TEXT, List.of());
    public static final Column PRIO = new Column(new ColumnKey("589r"), "Prio", ColumnType.SINGLE_SELECT, List.of(
            new SelectOption("381992", "++", "#F4667C"),
            new SelectOption("381993", "+", null),
            new SelectOption("381994", "-", null)));
    public static final Column TAGS = new Column(new ColumnKey("tAg5"), "Tags", ColumnType.MULTIPLE_SELECT, List.of(
            new SelectOption("100001", "red", null),
            new SelectOption("100002", "green", null),
            new SelectOption("100003", "blue", null)));
    public static final Column DONE = new Column(new ColumnKey("d0ne"), "Done", ColumnType.CHECKBOX, List.of());
    public static final Column AMOUNT = new Column(new ColumnKey("amnt"), "Amount", ColumnType.NUMBER, List.of());
    public static final Column DUE = new Column(new ColumnKey("due1"), "Due", ColumnType.DATE, List.of());
    public static final Column MAIL = new Column(new ColumnKey("mai1"), "Mail", ColumnType.EMAIL, List.of());
    public static final Column SITE = new Column(new ColumnKey("s1te"), "Site", ColumnType.URL, List.of());
    public static final Column NOTES = new Column(new ColumnKey("n0te"), "Notes", ColumnType.LONG_TEXT, List.of());

    public static final List<Column> ALL = List.of(NAME, PRIO, TAGS, DONE, AMOUNT, DUE, MAIL, SITE, NOTES);

    private SampleTables() {
    }

    /** A fresh table each call: tables are mutable, so tests must not share one. */
    public static Table opportunities() {
        return Table.restore(TABLE, BASE, "Opportunities", ALL, CREATED);
    }
}
