package io.basehook.domain.table;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.shared.Names;
import io.basehook.domain.shared.RandomIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table of a base and its ordered columns; the first column is the primary one and names the row.
 * Every change here is a change of structure: none of these methods produces a change event.
 */
public final class Table {

    public static final String DEFAULT_COLUMN_NAME = "Name";

    private final TableId id;
    private final BaseId baseId;
    private String name;
    private final List<Column> columns;
    private final Instant createdAt;

    private Table(TableId id, BaseId baseId, String name, List<Column> columns, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.baseId = Objects.requireNonNull(baseId);
        this.name = Names.require(name, "name");
        this.columns = new ArrayList<>(columns);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    /**
     * A new table; without column specs it gets one text column "Name", as SeaTable does.
     *
     * @param takenIds table ids already used in the base
     */
    public static Table create(BaseId baseId, String name, List<ColumnSpec> specs, Set<TableId> takenIds,
                               int maxColumns, Instant now) {
        TableId id = TableId.random();
        while (takenIds.contains(id)) {
            id = TableId.random();
        }
        Table table = new Table(id, baseId, name, List.of(), now);
        List<ColumnSpec> wanted = specs == null || specs.isEmpty()
                ? List.of(new ColumnSpec(DEFAULT_COLUMN_NAME, ColumnType.TEXT, List.of())) : specs;
        if (wanted.size() > maxColumns) {
            throw BasehookException.limit("too_many_columns", "a table has at most " + maxColumns + " columns");
        }
        for (int i = 0; i < wanted.size(); i++) {
            try {
                table.addColumn(wanted.get(i), maxColumns);
            } catch (BasehookException e) {
                throw prefixed(e, "columns[" + i + "]");
            }
        }
        return table;
    }

    public static Table restore(TableId id, BaseId baseId, String name, List<Column> columns, Instant createdAt) {
        return new Table(id, baseId, name, columns, createdAt);
    }

    public void rename(String newName) {
        this.name = Names.require(newName, "name");
    }

    public Column addColumn(ColumnSpec spec, int maxColumns) {
        if (columns.size() >= maxColumns) {
            throw BasehookException.limit("too_many_columns", "a table has at most " + maxColumns + " columns");
        }
        String columnName = Names.require(spec.name(), "name");
        requireFreeName(columnName, null);
        ColumnKey key = ColumnKey.random();
        while (findColumn(key).isPresent()) {
            key = ColumnKey.random();
        }
        Column column = new Column(key, columnName, spec.type(), options(spec.type(), spec.options(), List.of()));
        columns.add(column);
        return column;
    }

    /** Renames, retypes or re-options a column; null arguments keep what was. */
    public ColumnChange changeColumn(ColumnKey key, String newName, ColumnType newType, List<OptionSpec> newOptions) {
        Column before = column(key);
        String columnName = newName == null ? before.name() : Names.require(newName, "name");
        if (!columnName.equals(before.name())) {
            requireFreeName(columnName, key);
        }
        ColumnType type = newType == null ? before.type() : newType;
        List<SelectOption> options;
        if (!type.isSelect()) {
            if (newOptions != null && !newOptions.isEmpty()) {
                throw BasehookException.invalid("invalid_option", "options", "only select columns have options");
            }
            options = List.of();
        } else if (newOptions == null) {
            options = before.options();
        } else {
            options = options(type, newOptions, before.options());
        }
        Column after = new Column(key, columnName, type, options);
        columns.set(columns.indexOf(before), after);
        return new ColumnChange(before, after);
    }

    /** Removes a column; the primary column cannot go, since it names every row. */
    public Column deleteColumn(ColumnKey key) {
        Column column = column(key);
        if (columns.get(0).equals(column)) {
            throw new BasehookException(BasehookException.Kind.CONFLICT, "primary_column",
                    "the primary column names every row and cannot be deleted");
        }
        columns.remove(column);
        return column;
    }

    public Column column(ColumnKey key) {
        return findColumn(key).orElseThrow(
                () -> BasehookException.notFound("column_not_found", "no column with key " + key + " in table " + id));
    }

    public Optional<Column> findColumn(ColumnKey key) {
        return columns.stream().filter(column -> column.key().equals(key)).findFirst();
    }

    public Optional<Column> columnNamed(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    public Column primaryColumn() {
        return columns.get(0);
    }

    /** Validates a client's values, given by column name, as {@link #parseValues(Map, ValuesKeyedBy, String, List)}. */
    public CellPatch parseValues(Map<String, ?> values, String field, List<FieldError> errors) {
        return parseValues(values, ValuesKeyedBy.NAME, field, errors);
    }

    /**
     * Validates a client's values, given by column name or key. For an insert, {@code null} and absent mean empty;
     * for an update, a named column with {@code null} is cleared and an absent one is left alone.
     *
     * @param field how the client named this object, for error messages ({@code rows[3]})
     * @param errors where invalid values are collected, so one answer can name them all
     */
    public CellPatch parseValues(Map<String, ?> values, ValuesKeyedBy keyedBy, String field, List<FieldError> errors) {
        Map<ColumnKey, CellValue> set = new HashMap<>();
        Set<ColumnKey> cleared = new HashSet<>();
        if (values == null) {
            return new CellPatch(set, cleared);
        }
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            Optional<Column> column = columns.stream()
                    .filter(candidate -> keyedBy.of(candidate).equals(entry.getKey())).findFirst();
            if (column.isEmpty()) {
                errors.add(new FieldError(entry.getKey(), "table '" + name + "' has no column '" + entry.getKey() + "'")
                        .within(field));
                continue;
            }
            try {
                CellValue value = column.get().parse(entry.getValue());
                if (value == null) {
                    cleared.add(column.get().key());
                } else {
                    set.put(column.get().key(), value);
                }
            } catch (BasehookException e) {
                e.errors().forEach(error -> errors.add(error.within(field)));
            }
        }
        return new CellPatch(set, cleared);
    }

    /** The row's name: its primary cell as text, empty when that cell is empty. */
    public String rowName(Map<ColumnKey, CellValue> cells) {
        Column primary = primaryColumn();
        return primary.displayText(cells.get(primary.key()));
    }

    private void requireFreeName(String columnName, ColumnKey except) {
        for (Column column : columns) {
            if (column.name().equals(columnName) && !column.key().equals(except)) {
                throw BasehookException.conflict("column_name_taken", "name",
                        "table '" + name + "' already has a column named '" + columnName + "'");
            }
        }
    }

    private static List<SelectOption> options(ColumnType type, List<OptionSpec> specs, List<SelectOption> existing) {
        if (!type.isSelect()) {
            if (!specs.isEmpty()) {
                throw BasehookException.invalid("invalid_option", "options", "only select columns have options");
            }
            return List.of();
        }
        Set<String> usedIds = new HashSet<>();
        existing.forEach(option -> usedIds.add(option.id()));
        specs.forEach(spec -> {
            if (spec.id() != null) {
                usedIds.add(spec.id());
            }
        });
        List<SelectOption> options = new ArrayList<>();
        for (OptionSpec spec : specs) {
            String id = spec.id();
            if (id == null) {
                // keep the id of an existing option with this name, so a client may resend names only
                id = existing.stream().filter(option -> option.name().equals(spec.name() == null ? null : spec.name().strip()))
                        .map(SelectOption::id).findFirst().orElse(null);
            }
            if (id == null) {
                do {
                    id = RandomIds.digits(6);
                } while (!usedIds.add(id));
            }
            options.add(new SelectOption(id, spec.name(), spec.color()));
        }
        return options;
    }

    private static BasehookException prefixed(BasehookException e, String prefix) {
        if (e.errors().isEmpty()) {
            return e;
        }
        return new BasehookException(e.kind(), e.code(), e.getMessage(),
                e.errors().stream().map(error -> error.within(prefix)).toList());
    }

    public TableId id() {
        return id;
    }

    public BaseId baseId() {
        return baseId;
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return List.copyOf(columns);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
