package io.basehook.testkit.memory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.TableId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows of an {@link InMemoryStore}, per table in insertion order. A page's cursor is the place of its last row
 * (URL-safe base64 of 8 bytes), so rows deleted or added meanwhile neither shift nor repeat the next page; a row
 * weighs its cells written as a JSON object, in UTF-8 bytes, as the database stores them.
 */
public final class InMemoryRowRepository implements RowRepository {

    private static final JsonFactory JSON = new JsonFactory();

    private final InMemoryStore store;

    InMemoryRowRepository(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void insertAll(BaseId baseId, List<Row> rows) {
        insertAll(Map.of(baseId, rows));
    }

    /** All or nothing. @throws IllegalStateException as a key would: a table is missing, or a row id taken in it */
    @Override
    public void insertAll(Map<BaseId, List<Row>> rowsByBase) {
        store.locked(() -> {
            Set<List<Object>> adding = new HashSet<>();
            rowsByBase.forEach((baseId, rows) -> rows.forEach(row -> {
                InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, row.tableId());
                if (!store.tablePks.containsKey(key)) {
                    throw new IllegalStateException("no table " + row.tableId() + " in " + baseId + " for the row");
                }
                if (store.rowPks.getOrDefault(key, Map.of()).containsKey(row.id())
                        || !adding.add(List.of(key, row.id()))) {
                    throw new IllegalStateException("row " + row.id() + " exists already in " + row.tableId());
                }
            }));
            rowsByBase.forEach((baseId, rows) -> rows.forEach(row -> {
                InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, row.tableId());
                long pk = store.nextPk();
                store.put(store.rows.computeIfAbsent(key, k -> new TreeMap<>()), pk, row);
                store.put(store.rowPks.computeIfAbsent(key, k -> new HashMap<>()), row.id(), pk);
            }));
        });
    }

    /** Rows that do not exist are left out; a row keeps its {@code createdAt}. */
    @Override
    public void updateAll(BaseId baseId, List<Row> rows) {
        store.locked(() -> rows.forEach(row -> {
            InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, row.tableId());
            Long pk = store.rowPks.getOrDefault(key, Map.of()).get(row.id());
            if (pk != null) {
                NavigableMap<Long, Row> table = store.rows.get(key);
                Row stored = table.get(pk);
                store.put(table, pk, Row.restore(stored.id(), stored.tableId(), row.cells(), stored.createdAt(),
                        row.updatedAt()));
            }
        }));
    }

    @Override
    public int deleteAll(BaseId baseId, TableId tableId, Collection<RowId> ids) {
        return store.locked(() -> {
            InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, tableId);
            Map<RowId, Long> pks = store.rowPks.get(key);
            if (pks == null) {
                return 0;
            }
            int deleted = 0;
            for (RowId id : new HashSet<>(ids)) {
                Long pk = store.remove(pks, id);
                if (pk != null) {
                    store.remove(store.rows.get(key), pk);
                    deleted++;
                }
            }
            return deleted;
        });
    }

    /** In insertion order. */
    @Override
    public Map<RowId, Row> findByIds(BaseId baseId, TableId tableId, Collection<RowId> ids) {
        return store.locked(() -> {
            InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, tableId);
            Map<RowId, Long> pks = store.rowPks.getOrDefault(key, Map.of());
            TreeMap<Long, Row> found = new TreeMap<>();
            ids.stream().map(pks::get).filter(Objects::nonNull)
                    .forEach(pk -> found.put(pk, store.rows.get(key).get(pk)));
            Map<RowId, Row> byId = new LinkedHashMap<>();
            found.values().forEach(row -> byId.put(row.id(), row));
            return byId;
        });
    }

    @Override
    public RowPage page(BaseId baseId, TableId tableId, int limit, long maxBytes, String cursor) {
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be positive");
        }
        long afterPk = decode(cursor);
        return store.locked(() -> {
            NavigableMap<Long, Row> table = store.rows.getOrDefault(new InMemoryStore.TableKey(baseId, tableId),
                    new TreeMap<>());
            List<Row> rows = new ArrayList<>();
            long bytesBefore = 0;
            long lastPk = 0;
            boolean more = false;
            for (Map.Entry<Long, Row> entry : table.tailMap(afterPk, false).entrySet()) {
                if (rows.size() == limit || bytesBefore >= maxBytes) {
                    more = true;
                    break;
                }
                rows.add(entry.getValue());
                lastPk = entry.getKey();
                bytesBefore += bytes(entry.getValue().cells());
            }
            return new RowPage(rows, more ? encode(lastPk) : null);
        });
    }

    /** Keeps each row's {@code updatedAt}: dropping a deleted column's cells is no change of content. */
    @Override
    public void removeCells(BaseId baseId, TableId tableId, ColumnKey key) {
        store.locked(() -> {
            NavigableMap<Long, Row> table = store.rows.get(new InMemoryStore.TableKey(baseId, tableId));
            if (table == null) {
                return;
            }
            for (Map.Entry<Long, Row> entry : List.copyOf(table.entrySet())) {
                Row row = entry.getValue();
                if (row.cells().containsKey(key)) {
                    Map<ColumnKey, CellValue> cells = new HashMap<>(row.cells());
                    cells.remove(key);
                    store.put(table, entry.getKey(), Row.restore(row.id(), row.tableId(), cells, row.createdAt(),
                            row.updatedAt()));
                }
            }
        });
    }

    /** The cells in UTF-8 bytes, written as the database adapter writes them: what a row weighs against a budget. */
    static long bytes(Map<ColumnKey, CellValue> cells) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<ColumnKey, CellValue> cell : cells.entrySet()) {
                json.writeFieldName(cell.getKey().value());
                writeValue(json, cell.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static void writeValue(JsonGenerator json, CellValue value) throws IOException {
        if (value instanceof CellValue.Text text) {
            json.writeString(text.value());
        } else if (value instanceof CellValue.Number number) {
            json.writeNumber(number.value());
        } else if (value instanceof CellValue.Checkbox checkbox) {
            json.writeBoolean(checkbox.value());
        } else if (value instanceof CellValue.Date date) {
            json.writeStartObject();
            json.writeStringField("d", date.value());
            json.writeEndObject();
        } else if (value instanceof CellValue.Option option) {
            json.writeStartObject();
            json.writeStringField("o", option.optionId());
            json.writeEndObject();
        } else if (value instanceof CellValue.Options options) {
            json.writeStartObject();
            json.writeArrayFieldStart("m");
            for (String id : options.optionIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static String encode(long lastPk) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(Long.BYTES)
                .putLong(lastPk).array());
    }

    /** The pk the next page starts after; 0 for the first. */
    private static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            long key = bytes.length == Long.BYTES ? ByteBuffer.wrap(bytes).getLong() : 0;
            if (key >= 1) {
                return key;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below, as any other cursor a page did not give
        }
        throw BasehookException.invalid("invalid_cursor", "cursor", "cursor is not one a previous page returned");
    }
}
