package io.basehook.application.service;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public final class InsertRowsService implements InsertRowsUseCase {

    /**
     * Inserts of at most this many rows go through the lane shared by all bases; larger ones through their base's
     * own lane, so that a big insert into one base never holds up small ones into others.
     */
    static final int SHARED_MAX_ROWS = 100;

    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final TransactionRunner transactions;
    private final Limits limits;
    private final Clock clock;
    private final WriteCombiner<BaseId, InsertRowsCommand, TableRows> byBase;
    private final WriteCombiner<Shared, InsertRowsCommand, TableRows> acrossBases;

    /** The key of the one lane that small inserts into any base share. */
    private enum Shared { LANE }

    /** The outcome of an insert whose base another transaction held (or that does not exist): it runs alone. */
    private static final class BaseHeld extends RuntimeException {
        private static final BaseHeld INSTANCE = new BaseHeld();

        private BaseHeld() {
            super("base held by another transaction", null, false, false);
        }
    }

    public InsertRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
        // one combined transaction carries no more rows than one request may
        this.byBase = new WriteCombiner<>(this::insertTogether, command -> command.rows().size(),
                limits.maxRowsPerBatch());
        this.acrossBases = new WriteCombiner<>(this::insertAcrossBases, command -> command.rows().size(),
                limits.maxRowsPerBatch());
    }

    @Override
    public TableRows insertRows(InsertRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.rows().size(), limits, "rows");
        if (command.rows().size() <= SHARED_MAX_ROWS) {
            try {
                return acrossBases.submit(Shared.LANE, command);
            } catch (BaseHeld held) {
                // its base was locked elsewhere (or is gone): wait for it in the base's own lane, as every write did
            }
        }
        return byBase.submit(command.baseId(), command);
    }

    /**
     * The inserts that reached one base meanwhile, in one transaction under one lock: each is checked on its own
     * (an invalid one fails alone), then all rows go in one batch and all events get their seqs at once.
     */
    private void insertTogether(BaseId baseId, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>> slots) {
        List<Row> created = new ArrayList<>();
        ContentBatch.run(transactions, lookup, baseId, clock.instant(), slots,
                (command, batch) -> insert(command, batch, created), batch -> {
                    rows.insertAll(baseId, created);
                    changes.record(baseId, batch.events());
                });
    }

    /**
     * The small inserts that reached any base meanwhile, in one transaction: the bases that no other transaction
     * holds are locked at once, in id order, without waiting; the inserts into any other base run alone, in their
     * base's lane. Then as {@link #insertTogether}, base by base, with the rows, events and deliveries of all the
     * bases written together and one commit for all.
     */
    private void insertAcrossBases(Shared lane, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>> slots) {
        Map<BaseId, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>>> byId =
                new TreeMap<>(Comparator.comparing(BaseId::value));
        slots.forEach(slot -> byId.computeIfAbsent(slot.command().baseId(), id -> new ArrayList<>()).add(slot));
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            Set<BaseId> locked = new HashSet<>(lookup.lockAvailable(byId.keySet()));
            Map<BaseId, List<Row>> created = new LinkedHashMap<>();
            Map<BaseId, List<ChangeEvent>> events = new LinkedHashMap<>();
            RuntimeException nothingWritten = BaseHeld.INSTANCE;
            for (Map.Entry<BaseId, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>>> ofBase : byId.entrySet()) {
                BaseId baseId = ofBase.getKey();
                if (!locked.contains(baseId)) {
                    ofBase.getValue().forEach(slot -> slot.fail(BaseHeld.INSTANCE));
                    continue;
                }
                ContentBatch batch = ContentBatch.locked(baseId, lookup, now);
                List<Row> rowsOfBase = new ArrayList<>();
                BasehookException failed = batch.writeEach(ofBase.getValue(), (command, b) -> insert(command, b, rowsOfBase));
                if (failed == null) {
                    created.put(baseId, rowsOfBase);
                    events.put(baseId, batch.events());
                } else if (nothingWritten == BaseHeld.INSTANCE) {
                    nothingWritten = failed;
                }
            }
            if (created.isEmpty()) {
                throw nothingWritten; // roll back; each insert keeps its own error, or runs alone
            }
            if (created.size() == 1) {
                BaseId only = created.keySet().iterator().next();
                rows.insertAll(only, created.get(only));
                changes.record(only, events.get(only));
            } else {
                rows.insertAll(created);
                changes.recordAll(events);
            }
            return null;
        });
    }

    /** Checks one insert's rows (all of them, then fails with every error) and makes its rows and events. */
    private static TableRows insert(InsertRowsCommand command, ContentBatch batch, List<Row> created) {
        Table table = batch.table(command.tableId());
        List<FieldError> errors = new ArrayList<>();
        List<CellPatch> values = new ArrayList<>(command.rows().size());
        for (int i = 0; i < command.rows().size(); i++) {
            values.add(table.parseValues(command.rows().get(i), "rows[" + i + "]", errors));
        }
        RowBatches.requireValid(errors);
        List<Row> rows = new ArrayList<>(values.size());
        for (CellPatch patch : values) {
            Row.Created creation = Row.create(table, patch, command.actor(), batch.now());
            rows.add(creation.row());
            batch.add(creation.event());
        }
        created.addAll(rows);
        return new TableRows(table, rows);
    }
}
