package io.basehook.domain.row;

/** SeaTable's {@code op_type} of a content change. */
public enum OpType {
    INSERT_ROW("insert_row"),
    MODIFY_ROW("modify_row"),
    DELETE_ROW("delete_row");

    private final String wireName;

    OpType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
