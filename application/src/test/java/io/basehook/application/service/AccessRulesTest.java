package io.basehook.application.service;

import io.basehook.application.port.in.AddColumnCommand;
import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.application.port.in.CreateApiTokenCommand;
import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.RenameBaseCommand;
import io.basehook.application.port.in.RenameTableCommand;
import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.application.port.in.UpdateWebhookCommand;
import io.basehook.application.port.out.RowPage;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.PRIO;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The access rules across every use case: read-only tokens get 403 on writes, another base answers 404, admin-only
 * operations refuse every token. A refused call must not reach any port, not even to read.
 */
class AccessRulesTest {

    /** One use case, run by an actor on the fixture's base. */
    interface UseCase {
        void call(Fixture fixture, Actor actor);
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                arguments("insert rows", (UseCase) (f, actor) -> f.insertRows(Limits.DEFAULTS).insertRows(
                        new InsertRowsCommand(actor, BASE_ID, TABLE_ID, List.of(Map.of("Name", "x"))))),
                arguments("update rows", (UseCase) (f, actor) -> f.updateRows(Limits.DEFAULTS).updateRows(
                        new UpdateRowsCommand(actor, BASE_ID, TABLE_ID, List.of(new RowValues(RowId.random(), Map.of()))))),
                arguments("delete rows", (UseCase) (f, actor) -> f.deleteRows(Limits.DEFAULTS).deleteRows(
                        new DeleteRowsCommand(actor, BASE_ID, TABLE_ID, List.of(RowId.random()), true))),
                arguments("create table", (UseCase) (f, actor) -> new CreateTableService(f.lookup, f.tables,
                        f.transactions, f.limits, f.clock).createTable(new CreateTableCommand(actor, BASE_ID, "Leads", null))),
                arguments("rename base", (UseCase) (f, actor) -> new RenameBaseService(f.lookup, f.bases, f.tables,
                        f.transactions).renameBase(new RenameBaseCommand(actor, BASE_ID, "Renamed"))),
                arguments("rename table", (UseCase) (f, actor) -> new RenameTableService(f.lookup, f.tables,
                        f.transactions).renameTable(new RenameTableCommand(actor, BASE_ID, TABLE_ID, "Deals"))),
                arguments("delete table", (UseCase) (f, actor) -> new DeleteTableService(f.lookup, f.tables,
                        f.transactions).deleteTable(actor, BASE_ID, TABLE_ID)),
                arguments("add column", (UseCase) (f, actor) -> new AddColumnService(f.lookup, f.tables, f.transactions,
                        f.limits).addColumn(new AddColumnCommand(actor, BASE_ID, TABLE_ID,
                        new ColumnSpec("Stage", ColumnType.TEXT, null)))),
                arguments("change column", (UseCase) (f, actor) -> new ChangeColumnService(f.lookup, f.tables, f.rows,
                        f.transactions).changeColumn(new ChangeColumnCommand(actor, BASE_ID, TABLE_ID, AMOUNT.key(), null,
                        ColumnType.TEXT, null))),
                arguments("delete column", (UseCase) (f, actor) -> new DeleteColumnService(f.lookup, f.tables, f.rows,
                        f.transactions).deleteColumn(actor, BASE_ID, TABLE_ID, PRIO.key())),
                arguments("create webhook", (UseCase) (f, actor) -> f.createWebhook().createWebhook(
                        new CreateWebhookCommand(actor, BASE_ID, "https://example.com/hook", null, null, null))),
                arguments("update webhook", (UseCase) (f, actor) -> f.updateWebhook().updateWebhook(
                        new UpdateWebhookCommand(actor, BASE_ID, f.givenWebhook(false).id(), null, null, true))),
                arguments("delete webhook", (UseCase) (f, actor) -> f.deleteWebhook().deleteWebhook(actor, BASE_ID,
                        f.givenWebhook(true).id())),
                arguments("rotate webhook secret", (UseCase) (f, actor) -> f.rotateWebhookSecret().rotateWebhookSecret(
                        actor, BASE_ID, f.givenWebhook(true).id())),
                // a test makes Basehook send a request, so it counts as a write
                arguments("test webhook", (UseCase) (f, actor) -> {
                    Webhook webhook = f.givenWebhook(true);
                    when(f.encoder.encodePing(any(), any(), any(), any())).thenReturn("{}");
                    when(f.sender.send(any())).thenReturn(CompletableFuture.completedFuture(
                            Attempt.answered(NOW, Duration.ZERO, Map.of(), 200, Map.of(), "", null)));
                    f.testWebhook().testWebhook(actor, BASE_ID, webhook.id());
                }));
    }

    static Stream<Arguments> adminOnly() {
        return Stream.of(
                arguments("delete base", (UseCase) (f, actor) -> new DeleteBaseService(f.lookup, f.bases, f.transactions)
                        .deleteBase(actor, BASE_ID)),
                arguments("create API token", (UseCase) (f, actor) -> new CreateApiTokenService(f.lookup, f.tokens,
                        f.transactions, f.clock).createApiToken(new CreateApiTokenCommand(actor, BASE_ID, "more",
                        Permission.READ_WRITE))),
                arguments("delete API token", (UseCase) (f, actor) -> new DeleteApiTokenService(f.tokens, f.transactions)
                        .deleteApiToken(actor, BASE_ID, ApiTokenId.random())),
                // tokens are credentials: only the admin may even see which exist
                arguments("list API tokens", (UseCase) (f, actor) -> new ListApiTokensService(f.lookup, f.tokens,
                        f.transactions).listApiTokens(actor, BASE_ID)));
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                arguments("get base", (UseCase) (f, actor) -> new GetBaseService(f.lookup, f.tables, f.transactions)
                        .getBase(actor, BASE_ID)),
                arguments("list tables", (UseCase) (f, actor) -> new ListTablesService(f.lookup, f.tables,
                        f.transactions).listTables(actor, BASE_ID)),
                arguments("list columns", (UseCase) (f, actor) -> new ListColumnsService(f.lookup)
                        .listColumns(actor, BASE_ID, TABLE_ID)),
                arguments("get table", (UseCase) (f, actor) -> new GetTableService(f.lookup).getTable(actor, BASE_ID, TABLE_ID)),
                arguments("get row", (UseCase) (f, actor) -> {
                    Row row = f.givenRow(NAME, text("x"));
                    f.givenStoredRows(row);
                    new GetRowService(f.lookup, f.rows, f.transactions).getRow(actor, BASE_ID, TABLE_ID, row.id());
                }),
                arguments("list rows", (UseCase) (f, actor) -> {
                    when(f.rows.page(BASE_ID, TABLE_ID, 100, Limits.DEFAULT_PAGE_BYTES, null)).thenReturn(new RowPage(List.of(), null));
                    new ListRowsService(f.lookup, f.rows, f.transactions, f.limits).listRows(actor, BASE_ID, TABLE_ID, 100, null);
                }),
                arguments("read change feed", (UseCase) (f, actor) -> new ReadChangeFeedService(f.lookup, f.outbox,
                        f.transactions, f.limits).readChangeFeed(actor, BASE_ID, 0, 100)),
                arguments("list webhooks", (UseCase) (f, actor) -> f.listWebhooks().listWebhooks(actor, BASE_ID)),
                arguments("get webhook", (UseCase) (f, actor) -> f.getWebhook().getWebhook(actor, BASE_ID,
                        f.givenWebhook(true).id())));
    }

    static Stream<Arguments> everythingOnABase() {
        return Stream.of(writes(), adminOnly(), reads()).flatMap(stream -> stream);
    }

    private static void assertRefusedUntouched(Fixture fixture, BasehookException.Kind kind, String code, UseCase useCase,
                                               Actor actor) {
        BasehookException e = assertThrows(BasehookException.class, () -> useCase.call(fixture, actor));
        assertEquals(kind, e.kind());
        assertEquals(code, e.code());
        verifyNoInteractions(fixture.allPorts());
        verify(fixture.transactions, never()).inTransaction(any());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aReadOnlyTokenIsForbiddenToWrite(String name, UseCase useCase) {
        assertRefusedUntouched(new Fixture(), BasehookException.Kind.FORBIDDEN, "read_only_token", useCase, VIEWER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everythingOnABase")
    void aTokenOfAnotherBaseFindsNoBase(String name, UseCase useCase) {
        assertRefusedUntouched(new Fixture(), BasehookException.Kind.NOT_FOUND, "base_not_found", useCase, STRANGER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminOnly")
    void adminOnlyOperationsRefuseEvenAReadWriteTokenOfTheBase(String name, UseCase useCase) {
        assertRefusedUntouched(new Fixture(), BasehookException.Kind.FORBIDDEN, "admin_only", useCase, BOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aReadOnlyTokenMayReadItsBase(String name, UseCase useCase) {
        assertDoesNotThrow(() -> useCase.call(new Fixture(), VIEWER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aReadWriteTokenMayWriteItsBase(String name, UseCase useCase) {
        Fixture fixture = new Fixture();
        Row row = fixture.givenRow(NAME, text("x"));
        fixture.givenStoredRows(row);
        when(fixture.rows.page(any(), any(), anyInt(), anyLong(), any())).thenReturn(new RowPage(List.of(row), null));
        // update/delete name a random id; only the access check matters here, so a missing row is fine
        try {
            useCase.call(fixture, BOT);
        } catch (BasehookException e) {
            assertEquals("row_not_found", e.code(), name);
        }
    }

    @Test
    void onlyTheAdminCreatesBases() {
        Fixture fixture = new Fixture();
        CreateBaseService service = new CreateBaseService(fixture.bases, fixture.transactions, fixture.clock);
        for (Actor token : List.of(BOT, VIEWER, STRANGER)) {
            BasehookException e = assertThrows(BasehookException.class,
                    () -> service.createBase(new CreateBaseCommand(token, "CRM")));
            assertEquals("admin_only", e.code());
        }
        verifyNoInteractions(fixture.allPorts());
    }
}
