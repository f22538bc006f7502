package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;

/** The nine column types and their names on the wire. */
public enum ColumnType {
    TEXT("text"),
    LONG_TEXT("long-text"),
    NUMBER("number"),
    CHECKBOX("checkbox"),
    DATE("date"),
    SINGLE_SELECT("single-select"),
    MULTIPLE_SELECT("multiple-select"),
    EMAIL("email"),
    URL("url");

    private final String wireName;

    ColumnType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isSelect() {
        return this == SINGLE_SELECT || this == MULTIPLE_SELECT;
    }

    public static ColumnType fromWireName(String name, String field) {
        for (ColumnType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw BasehookException.invalid("invalid_column_type", field,
                "unknown column type '" + name + "'; one of text, long-text, number, checkbox, date, "
                        + "single-select, multiple-select, email, url");
    }
}
