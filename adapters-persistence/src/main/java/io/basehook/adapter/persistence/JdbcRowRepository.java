package io.basehook.adapter.persistence;

import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.TableId;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Rows in plain JDBC, since batches are what matters here: inserts and updates are JDBC batches (one
 * multi-row statement with {@code rewriteBatchedStatements=true}), lookups and deletes one {@code IN (…)}.
 */
@Singleton
public final class JdbcRowRepository implements RowRepository {

    /** Ids per {@code IN (…)}: a batch of the API's maximum (1,000) takes two statements. */
    private static final int IN_CHUNK = 500;
    /** Rows read and rewritten at a time when a column's cells are dropped. */
    private static final int REWRITE_CHUNK = 500;
    private static final String COLUMNS = "pk, table_id, id, cells, created_at, updated_at";

    private final JdbcConnections jdbc;

    JdbcRowRepository(JdbcConnections jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertAll(BaseId baseId, List<Row> rows) {
        insertAll(Map.of(baseId, rows));
    }

    @Override
    public void insertAll(Map<BaseId, List<Row>> rowsByBase) {
        if (rowsByBase.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_row "
                    + "(base_id, table_id, id, cells, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<BaseId, List<Row>> rows : rowsByBase.entrySet()) {
                    for (Row row : rows.getValue()) {
                        insert.setString(1, rows.getKey().value());
                        insert.setString(2, row.tableId().value());
                        insert.setString(3, row.id().value());
                        insert.setString(4, CellsJson.write(row.cells()));
                        insert.setLong(5, row.createdAt().toEpochMilli());
                        insert.setLong(6, row.updatedAt().toEpochMilli());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void updateAll(BaseId baseId, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bh_row SET cells = ?, updated_at = ? "
                    + "WHERE base_id = ? AND table_id = ? AND id = ?")) {
                for (Row row : rows) {
                    update.setString(1, CellsJson.write(row.cells()));
                    update.setLong(2, row.updatedAt().toEpochMilli());
                    update.setString(3, baseId.value());
                    update.setString(4, row.tableId().value());
                    update.setString(5, row.id().value());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int deleteAll(BaseId baseId, TableId tableId, Collection<RowId> ids) {
        List<List<String>> chunks = chunks(ids);
        if (chunks.isEmpty()) {
            return 0;
        }
        return jdbc.run(connection -> {
            int deleted = 0;
            for (List<String> chunk : chunks) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bh_row "
                        + "WHERE base_id = ? AND table_id = ? AND id IN (" + placeholders(chunk.size()) + ")")) {
                    bindKeyAndIds(delete, baseId, tableId, chunk);
                    deleted += delete.executeUpdate();
                }
            }
            return deleted;
        });
    }

    @Override
    public Map<RowId, Row> findByIds(BaseId baseId, TableId tableId, Collection<RowId> ids) {
        List<List<String>> chunks = chunks(ids);
        if (chunks.isEmpty()) {
            return Map.of();
        }
        return jdbc.run(connection -> {
            Map<RowId, Row> found = new LinkedHashMap<>();
            for (List<String> chunk : chunks) {
                try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM bh_row "
                        + "WHERE base_id = ? AND table_id = ? AND id IN (" + placeholders(chunk.size()) + ") ORDER BY pk")) {
                    bindKeyAndIds(select, baseId, tableId, chunk);
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            Row row = row(result);
                            found.put(row.id(), row);
                        }
                    }
                }
            }
            return found;
        });
    }

    /**
     * One statement (one snapshot) sizes the next rows from {@code LENGTH(cells)} and brings the cells only of those
     * that start within {@code maxBytes}: the driver, which holds a whole result set, never holds more than the page.
     */
    @Override
    public RowPage page(BaseId baseId, TableId tableId, int limit, long maxBytes, String cursor) {
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be positive");
        }
        long afterPk = PageCursor.decode(cursor, 0);
        return jdbc.run(connection -> {
            List<Row> rows = new ArrayList<>(Math.min(limit, 1000));
            long lastPk = 0;
            boolean more = false;
            try (PreparedStatement select = connection.prepareStatement("SELECT r.pk, r.table_id, r.id, "
                    + "CASE WHEN w.bytes_before < ? THEN r.cells END AS cells, r.created_at, r.updated_at "
                    + "FROM (SELECT pk, SUM(bytes) OVER (ORDER BY pk) - bytes AS bytes_before FROM (SELECT pk, "
                    + "LENGTH(cells) AS bytes FROM bh_row WHERE base_id = ? AND table_id = ? AND pk > ? ORDER BY pk "
                    + "LIMIT ?) sized) w JOIN bh_row r ON r.pk = w.pk ORDER BY r.pk")) {
                select.setLong(1, maxBytes);
                select.setString(2, baseId.value());
                select.setString(3, tableId.value());
                select.setLong(4, afterPk);
                // one row more than asked tells whether there is a next page
                select.setLong(5, (long) limit + 1);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        // cells come only for rows that start within the budget, so a row without them is the next page's
                        String cells = result.getString("cells");
                        if (rows.size() == limit || cells == null) {
                            more = true;
                            break;
                        }
                        lastPk = result.getLong("pk");
                        rows.add(row(result, cells));
                    }
                }
            }
            return new RowPage(rows, more ? PageCursor.encode(lastPk) : null);
        });
    }

    /**
     * Rewritten in Java rather than with {@code JSON_REMOVE}: MySQL re-serialises the whole document and
     * would turn exact decimals into doubles. Only rows whose text mentions the key are read.
     */
    @Override
    public void removeCells(BaseId baseId, TableId tableId, ColumnKey key) {
        jdbc.run(connection -> {
            long afterPk = 0;
            while (true) {
                Map<Long, String> rewritten = new LinkedHashMap<>();
                int read = 0;
                try (PreparedStatement select = connection.prepareStatement("SELECT pk, cells FROM bh_row "
                        + "WHERE base_id = ? AND table_id = ? AND pk > ? AND cells LIKE ? ORDER BY pk LIMIT ?")) {
                    select.setString(1, baseId.value());
                    select.setString(2, tableId.value());
                    select.setLong(3, afterPk);
                    // keys are [A-Za-z0-9]{4}: nothing to escape in the pattern
                    select.setString(4, "%\"" + key.value() + "\":%");
                    select.setInt(5, REWRITE_CHUNK);
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            read++;
                            afterPk = result.getLong("pk");
                            Map<ColumnKey, CellValue> cells = CellsJson.read(result.getString("cells"));
                            if (cells.remove(key) != null) {
                                rewritten.put(afterPk, CellsJson.write(cells));
                            }
                        }
                    }
                }
                writeCells(connection, rewritten);
                if (read < REWRITE_CHUNK) {
                    return null;
                }
            }
        });
    }

    private static void writeCells(Connection connection, Map<Long, String> cellsByPk) throws SQLException {
        if (cellsByPk.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE bh_row SET cells = ? WHERE pk = ?")) {
            for (Map.Entry<Long, String> entry : cellsByPk.entrySet()) {
                update.setString(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static Row row(ResultSet result) throws SQLException {
        return row(result, result.getString("cells"));
    }

    private static Row row(ResultSet result, String cells) throws SQLException {
        return Row.restore(new RowId(result.getString("id")), new TableId(result.getString("table_id")),
                CellsJson.read(cells), Instant.ofEpochMilli(result.getLong("created_at")),
                Instant.ofEpochMilli(result.getLong("updated_at")));
    }

    private static void bindKeyAndIds(PreparedStatement statement, BaseId baseId, TableId tableId, List<String> ids)
            throws SQLException {
        statement.setString(1, baseId.value());
        statement.setString(2, tableId.value());
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(3 + i, ids.get(i));
        }
    }

    private static List<List<String>> chunks(Collection<RowId> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(RowId::value).toList()));
        if (distinct.isEmpty()) {
            return Collections.emptyList();
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
