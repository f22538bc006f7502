package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.TableId;

import java.util.Collection;
import java.util.List;
import java.util.Map;

public interface RowRepository {

    void insertAll(BaseId baseId, List<Row> rows);

    /** {@link #insertAll(BaseId, List)} for the rows of several bases, in one round trip where the store allows. */
    void insertAll(Map<BaseId, List<Row>> rowsByBase);

    /** Saves the rows' cells and {@code updatedAt}. */
    void updateAll(BaseId baseId, List<Row> rows);

    /** @return how many of the rows existed */
    int deleteAll(BaseId baseId, TableId tableId, Collection<RowId> ids);

    /** The rows of the table with these ids that exist. */
    Map<RowId, Row> findByIds(BaseId baseId, TableId tableId, Collection<RowId> ids);

    /**
     * A page of rows in insertion order: up to {@code limit} rows, ending early with the row whose stored cells take
     * it past {@code maxBytes} (so at least one row). Only that page is ever held in memory.
     *
     * @param cursor null for the first page, else a {@link RowPage#nextCursor()}; a malformed one is
     *               rejected with {@code invalid_cursor}
     */
    RowPage page(BaseId baseId, TableId tableId, int limit, long maxBytes, String cursor);

    /** Drops a deleted column's cells from every row of the table. */
    void removeCells(BaseId baseId, TableId tableId, ColumnKey key);
}
