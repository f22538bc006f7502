package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ListRowsUseCase;
import io.basehook.application.port.in.TableRowPage;
import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

public final class ListRowsService implements ListRowsUseCase {

    private final Lookup lookup;
    private final RowRepository rows;
    private final TransactionRunner transactions;
    private final Limits limits;

    public ListRowsService(Lookup lookup, RowRepository rows, TransactionRunner transactions, Limits limits) {
        this.lookup = lookup;
        this.rows = rows;
        this.transactions = transactions;
        this.limits = limits;
    }

    @Override
    public TableRowPage listRows(Actor actor, BaseId baseId, TableId tableId, int limit, String cursor) {
        actor.requireRead(baseId);
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw BasehookException.invalid("invalid_limit", "limit", "limit must be between 1 and " + limits.maxPageSize());
        }
        return transactions.readOnly(() -> {
            Table table = lookup.table(baseId, tableId);
            RowPage page = rows.page(baseId, tableId, limit, limits.maxPageBytes(), cursor);
            return new TableRowPage(table, page.rows(), page.nextCursor());
        });
    }
}
