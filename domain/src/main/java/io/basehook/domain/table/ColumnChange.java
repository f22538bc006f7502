package io.basehook.domain.table;

/** A column before and after a change of its definition. */
public record ColumnChange(Column before, Column after) {

    /** Whether stored cells may need converting: the type or the options changed. */
    public boolean affectsCells() {
        return before.type() != after.type() || !before.options().equals(after.options());
    }
}
