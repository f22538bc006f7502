package io.basehook.application.lookup;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import java.util.Collection;
import java.util.List;

/** Loads what a use case works on, or answers "not found" in the one way every use case does. */
public final class Lookup {

    private final BaseRepository bases;
    private final TableRepository tables;

    public Lookup(BaseRepository bases, TableRepository tables) {
        this.bases = bases;
        this.tables = tables;
    }

    public Base base(BaseId id) {
        return bases.findById(id).orElseThrow(() -> baseNotFound(id));
    }

    /** The base, locked for the rest of the transaction: every write to a base starts here. */
    public Base lockedBase(BaseId id) {
        return bases.lockById(id).orElseThrow(() -> baseNotFound(id));
    }

    /** Those of the bases that exist and no other write holds, locked for the rest of the transaction, waiting for none. */
    public List<BaseId> lockAvailable(Collection<BaseId> ids) {
        return bases.lockAvailable(ids);
    }

    public Table table(BaseId baseId, TableId tableId) {
        return tables.findById(baseId, tableId)
                .orElseThrow(() -> BasehookException.notFound("table_not_found", "no table with id " + tableId));
    }

    private static BasehookException baseNotFound(BaseId id) {
        return BasehookException.notFound("base_not_found", "no base with id " + id);
    }
}
