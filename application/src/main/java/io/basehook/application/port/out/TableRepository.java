package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.util.List;
import java.util.Optional;

public interface TableRepository {

    void insert(Table table);

    /** Saves the table's name and columns. */
    void update(Table table);

    Optional<Table> findById(BaseId baseId, TableId tableId);

    /** The base's tables in the order they were created. */
    List<Table> findByBase(BaseId baseId);

    /** Deletes the table and its rows. */
    void delete(BaseId baseId, TableId tableId);
}
