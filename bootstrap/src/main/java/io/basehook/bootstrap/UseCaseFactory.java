package io.basehook.bootstrap;

import io.basehook.application.port.in.AddColumnUseCase;
import io.basehook.application.port.in.AuthenticateUseCase;
import io.basehook.application.port.in.ChangeColumnUseCase;
import io.basehook.application.port.in.CreateApiTokenUseCase;
import io.basehook.application.port.in.CreateBaseUseCase;
import io.basehook.application.port.in.CreateTableUseCase;
import io.basehook.application.port.in.DeleteApiTokenUseCase;
import io.basehook.application.port.in.DeleteBaseUseCase;
import io.basehook.application.port.in.DeleteColumnUseCase;
import io.basehook.application.port.in.DeleteRowsUseCase;
import io.basehook.application.port.in.DeleteTableUseCase;
import io.basehook.application.port.in.GetBaseUseCase;
import io.basehook.application.port.in.GetRowUseCase;
import io.basehook.application.port.in.GetTableUseCase;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.ListApiTokensUseCase;
import io.basehook.application.port.in.ListBasesUseCase;
import io.basehook.application.port.in.ListColumnsUseCase;
import io.basehook.application.port.in.ListTablesUseCase;
import io.basehook.application.port.in.ListRowsUseCase;
import io.basehook.application.port.in.ReadChangeFeedUseCase;
import io.basehook.application.port.in.RenameBaseUseCase;
import io.basehook.application.port.in.RenameTableUseCase;
import io.basehook.application.port.in.UpdateRowsUseCase;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.application.service.AddColumnService;
import io.basehook.application.service.AuthenticateService;
import io.basehook.application.service.ChangeColumnService;
import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.delivery.DeliveryHandoff;
import io.basehook.application.service.CreateApiTokenService;
import io.basehook.application.service.CreateBaseService;
import io.basehook.application.service.CreateTableService;
import io.basehook.application.service.DeleteApiTokenService;
import io.basehook.application.service.DeleteBaseService;
import io.basehook.application.service.DeleteColumnService;
import io.basehook.application.service.DeleteRowsService;
import io.basehook.application.service.DeleteTableService;
import io.basehook.application.service.GetBaseService;
import io.basehook.application.service.GetRowService;
import io.basehook.application.service.GetTableService;
import io.basehook.application.service.InsertRowsService;
import io.basehook.application.service.Limits;
import io.basehook.application.service.ListApiTokensService;
import io.basehook.application.service.ListBasesService;
import io.basehook.application.service.ListColumnsService;
import io.basehook.application.service.ListTablesService;
import io.basehook.application.service.ListRowsService;
import io.basehook.application.lookup.Lookup;
import io.basehook.application.service.ReadChangeFeedService;
import io.basehook.application.service.RenameBaseService;
import io.basehook.application.service.RenameTableService;
import io.basehook.application.service.UpdateRowsService;
import io.basehook.application.write.ContentWrites;
import io.basehook.application.write.GroupCommit;
import io.basehook.application.write.WriteBudget;
import io.basehook.domain.shared.RandomIds;
import io.basehook.adapter.rest.RequestLimitsConfiguration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Wires the framework-free use cases to the adapters' ports; the only place that knows both. */
@Factory
class UseCaseFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UseCaseFactory.class);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Limits limits(LimitsConfiguration limits, RequestLimitsConfiguration requests) {
        return new Limits(limits.rowsPerBatch(), limits.columnsPerTable(), limits.webhooksPerBase(),
                limits.pageSize(), requests.pageBytes());
    }

    /** One budget for every content write, whichever adapter it came through (docs/adr/0002-write-admission.md). */
    @Singleton
    WriteBudget writeBudget(LimitsConfiguration limits) {
        return new WriteBudget(limits.writeBytesInFlight(), limits.writeWait());
    }

    @Singleton
    Lookup lookup(BaseRepository bases, TableRepository tables) {
        return new Lookup(bases, tables);
    }

    @Singleton
    ChangeRecorder changeRecorder(ChangeEventOutbox outbox, EventPayloadEncoder encoder, DeliveryQueue deliveries,
                                  TransactionRunner tx, DeliveryWakeup wakeup, WebhookRepository webhooks,
                                  DeliveryHandoff handoff) {
        return new ChangeRecorder(outbox, encoder, deliveries, tx, wakeup, webhooks, handoff);
    }

    @Singleton
    AuthenticateUseCase authenticate(AccessConfiguration access, ApiTokenRepository tokens) {
        String token = access.adminToken();
        if (token == null || token.isBlank()) {
            token = "bh_admin_" + RandomIds.urlSafeBase64(24);
            LOG.warn("No BASEHOOK_ADMIN_TOKEN set. The admin token of this run (shown once): {}", token);
        }
        return new AuthenticateService(token, tokens);
    }

    @Singleton
    CreateBaseUseCase createBase(BaseRepository bases, TransactionRunner tx, Clock clock) {
        return new CreateBaseService(bases, tx, clock);
    }

    @Singleton
    ListBasesUseCase listBases(BaseRepository bases, Limits limits) {
        return new ListBasesService(bases, limits);
    }

    @Singleton
    GetBaseUseCase getBase(Lookup lookup, TableRepository tables, TransactionRunner tx) {
        return new GetBaseService(lookup, tables, tx);
    }

    @Singleton
    RenameBaseUseCase renameBase(Lookup lookup, BaseRepository bases, TableRepository tables, TransactionRunner tx) {
        return new RenameBaseService(lookup, bases, tables, tx);
    }

    @Singleton
    DeleteBaseUseCase deleteBase(Lookup lookup, BaseRepository bases, TransactionRunner tx) {
        return new DeleteBaseService(lookup, bases, tx);
    }

    @Singleton
    CreateApiTokenUseCase createApiToken(Lookup lookup, ApiTokenRepository tokens, TransactionRunner tx, Clock clock) {
        return new CreateApiTokenService(lookup, tokens, tx, clock);
    }

    @Singleton
    ListApiTokensUseCase listApiTokens(Lookup lookup, ApiTokenRepository tokens, TransactionRunner tx) {
        return new ListApiTokensService(lookup, tokens, tx);
    }

    @Singleton
    DeleteApiTokenUseCase deleteApiToken(ApiTokenRepository tokens, TransactionRunner tx) {
        return new DeleteApiTokenService(tokens, tx);
    }

    @Singleton
    CreateTableUseCase createTable(Lookup lookup, TableRepository tables, TransactionRunner tx, Limits limits, Clock clock) {
        return new CreateTableService(lookup, tables, tx, limits, clock);
    }

    @Singleton
    ListTablesUseCase listTables(Lookup lookup, TableRepository tables, TransactionRunner tx) {
        return new ListTablesService(lookup, tables, tx);
    }

    @Singleton
    ListColumnsUseCase listColumns(Lookup lookup) {
        return new ListColumnsService(lookup);
    }

    @Singleton
    GetTableUseCase getTable(Lookup lookup) {
        return new GetTableService(lookup);
    }

    @Singleton
    RenameTableUseCase renameTable(Lookup lookup, TableRepository tables, TransactionRunner tx) {
        return new RenameTableService(lookup, tables, tx);
    }

    @Singleton
    DeleteTableUseCase deleteTable(Lookup lookup, TableRepository tables, TransactionRunner tx) {
        return new DeleteTableService(lookup, tables, tx);
    }

    @Singleton
    AddColumnUseCase addColumn(Lookup lookup, TableRepository tables, TransactionRunner tx, Limits limits) {
        return new AddColumnService(lookup, tables, tx, limits);
    }

    @Singleton
    ChangeColumnUseCase changeColumn(Lookup lookup, TableRepository tables, RowRepository rows, TransactionRunner tx) {
        return new ChangeColumnService(lookup, tables, rows, tx);
    }

    @Singleton
    DeleteColumnUseCase deleteColumn(Lookup lookup, TableRepository tables, RowRepository rows, TransactionRunner tx) {
        return new DeleteColumnService(lookup, tables, rows, tx);
    }

    /**
     * Each kind of content write commits in groups of its own (docs/adr/0008-group-commit.md): inserts with inserts,
     * updates with updates, deletes with deletes.
     */
    private static ContentWrites groupCommit(Lookup lookup, RowRepository rows, ChangeRecorder changes,
                                             TransactionRunner tx, Limits limits, Clock clock) {
        return new GroupCommit(tx, lookup, rows, changes, clock, limits.maxRowsPerBatch());
    }

    @Singleton
    InsertRowsUseCase insertRows(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner tx,
                                 Limits limits, Clock clock, WriteBudget budget) {
        return new InsertRowsService(groupCommit(lookup, rows, changes, tx, limits, clock), limits, budget);
    }

    @Singleton
    UpdateRowsUseCase updateRows(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner tx,
                                 Limits limits, Clock clock, WriteBudget budget) {
        return new UpdateRowsService(groupCommit(lookup, rows, changes, tx, limits, clock), rows, limits, budget);
    }

    @Singleton
    DeleteRowsUseCase deleteRows(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner tx,
                                 Limits limits, Clock clock) {
        return new DeleteRowsService(groupCommit(lookup, rows, changes, tx, limits, clock), rows, limits);
    }

    @Singleton
    ListRowsUseCase listRows(Lookup lookup, RowRepository rows, TransactionRunner tx, Limits limits) {
        return new ListRowsService(lookup, rows, tx, limits);
    }

    @Singleton
    GetRowUseCase getRow(Lookup lookup, RowRepository rows, TransactionRunner tx) {
        return new GetRowService(lookup, rows, tx);
    }

    @Singleton
    ReadChangeFeedUseCase readChangeFeed(Lookup lookup, ChangeEventOutbox outbox, TransactionRunner tx, Limits limits) {
        return new ReadChangeFeedService(lookup, outbox, tx, limits);
    }
}
