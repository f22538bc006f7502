package io.basehook.application.service;

import io.basehook.application.port.in.AddColumnCommand;
import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.application.port.in.CreateApiTokenCommand;
import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.application.port.in.BaseWithTables;
import io.basehook.application.port.in.RenameBaseCommand;
import io.basehook.application.port.in.RenameTableCommand;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.util.List;
import java.util.Optional;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.CREATED;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.OTHER_BASE_ID;
import static io.basehook.application.service.Fixture.PRIO;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Structure and configuration changes send nothing. None of these services is even given a
 * {@code ChangeEventOutbox} or an {@code EventPayloadEncoder} in its constructor, so each test checks
 * that the mocks of those two ports stay untouched, and what the use case does write.
 */
class StructureServicesTest {

    private final Fixture fixture = new Fixture();

    @AfterEach
    void noChangeEventWhatsoever() {
        verifyNoInteractions(fixture.outbox, fixture.encoder);
    }

    private static BasehookException refused(BasehookException.Kind kind, Executable call) {
        BasehookException e = assertThrows(BasehookException.class, call);
        assertEquals(kind, e.kind());
        return e;
    }

    @Nested
    class CreateBase {

        private final CreateBaseService service = new CreateBaseService(fixture.bases, fixture.transactions, fixture.clock);

        @Test
        void insertsTheBaseInATransaction() {
            Base base = service.createBase(new CreateBaseCommand(ADMIN, " CRM "));
            assertEquals("CRM", base.name());
            assertEquals(NOW, base.createdAt());
            verify(fixture.bases).insert(base);
            verify(fixture.transactions).commit();
        }

        @Test
        void isForTheAdminOnly() {
            assertEquals("admin_only", refused(BasehookException.Kind.FORBIDDEN,
                    () -> service.createBase(new CreateBaseCommand(BOT, "CRM"))).code());
            verifyNoInteractions(fixture.allPorts());
        }
    }

    @Nested
    class DeleteBase {

        private final DeleteBaseService service = new DeleteBaseService(fixture.lookup, fixture.bases, fixture.transactions);

        @Test
        void locksThenDeletesTheBaseWithEverythingInIt() {
            service.deleteBase(ADMIN, BASE_ID);
            InOrder order = inOrder(fixture.transactions, fixture.bases);
            order.verify(fixture.transactions).inTransaction(any());
            order.verify(fixture.bases).lockById(BASE_ID);
            order.verify(fixture.bases).delete(BASE_ID);
            order.verify(fixture.transactions).commit();
            verifyNoInteractions(fixture.rows);
        }

        @Test
        void aMissingBaseIsNotFound() {
            refused(BasehookException.Kind.NOT_FOUND, () -> service.deleteBase(ADMIN, OTHER_BASE_ID));
            verify(fixture.bases, never()).delete(any());
        }

        @Test
        void aTokenMayNotDeleteItsOwnBaseAndDoesNotSeeAnother() {
            assertEquals("admin_only", refused(BasehookException.Kind.FORBIDDEN, () -> service.deleteBase(BOT, BASE_ID)).code());
            refused(BasehookException.Kind.NOT_FOUND, () -> service.deleteBase(STRANGER, BASE_ID));
            verifyNoInteractions(fixture.allPorts());
        }
    }

    @Nested
    class CreateTable {

        private final CreateTableService service = new CreateTableService(fixture.lookup, fixture.tables,
                fixture.transactions, fixture.limits, fixture.clock);

        @Test
        void insertsTheTableWithADefaultNameColumn() {
            Table table = service.createTable(new CreateTableCommand(BOT, BASE_ID, "Leads", null));
            ArgumentCaptor<Table> inserted = ArgumentCaptor.forClass(Table.class);
            verify(fixture.tables).insert(inserted.capture());
            assertSame(table, inserted.getValue());
            assertEquals("Leads", table.name());
            assertEquals(List.of("Name"), table.columns().stream().map(Column::name).toList());
            InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables);
            order.verify(fixture.transactions).inTransaction(any());
            order.verify(fixture.bases).lockById(BASE_ID);
            order.verify(fixture.tables).insert(table);
            order.verify(fixture.transactions).commit();
        }

        @Test
        void aTakenTableNameIsAConflict() {
            assertEquals("table_name_taken", refused(BasehookException.Kind.CONFLICT,
                    () -> service.createTable(new CreateTableCommand(ADMIN, BASE_ID, " Opportunities ", null))).code());
            verify(fixture.tables, never()).insert(any());
        }

        @Test
        void theTableGetsAnIdNoOtherTableOfTheBaseHas() {
            Table table = service.createTable(new CreateTableCommand(ADMIN, BASE_ID, "Leads",
                    List.of(new ColumnSpec("Title", ColumnType.TEXT, null))));
            assertFalse(table.id().equals(TABLE_ID));
            assertEquals(BASE_ID, table.baseId());
        }
    }

    @Nested
    class RenameBase {

        private final RenameBaseService service = new RenameBaseService(fixture.lookup, fixture.bases, fixture.tables,
                fixture.transactions);

        @Test
        void savesTheNewNameUnderTheBaseLockAndAnswersTheBaseWithItsTables() {
            BaseWithTables renamed = service.renameBase(new RenameBaseCommand(BOT, BASE_ID, " Deals "));

            assertEquals("Deals", renamed.base().name());
            assertEquals(BASE_ID, renamed.base().id());
            assertEquals(CREATED, renamed.base().createdAt());
            assertEquals(List.of(fixture.table), renamed.tables());
            InOrder order = inOrder(fixture.bases, fixture.transactions);
            order.verify(fixture.bases).lockById(BASE_ID);
            order.verify(fixture.bases).update(renamed.base());
            order.verify(fixture.transactions).commit();
            verifyNoInteractions(fixture.rows);
        }

        @Test
        void aBlankNameIsRefusedAndNothingIsStored() {
            refused(BasehookException.Kind.INVALID,
                    () -> service.renameBase(new RenameBaseCommand(ADMIN, BASE_ID, "  ")));
            verify(fixture.bases, never()).update(any());
        }

        @Test
        void aMissingBaseIsNotFound() {
            refused(BasehookException.Kind.NOT_FOUND,
                    () -> service.renameBase(new RenameBaseCommand(ADMIN, OTHER_BASE_ID, "Deals")));
            verify(fixture.bases, never()).update(any());
        }
    }

    @Nested
    class RenameTable {

        private final RenameTableService service = new RenameTableService(fixture.lookup, fixture.tables, fixture.transactions);

        @Test
        void savesTheNewName() {
            Table renamed = service.renameTable(new RenameTableCommand(BOT, BASE_ID, TABLE_ID, "Deals"));
            assertEquals("Deals", renamed.name());
            verify(fixture.tables).update(renamed);
            verify(fixture.transactions).commit();
            verifyNoInteractions(fixture.rows);
        }

        @Test
        void aNameOfAnotherTableIsAConflictButItsOwnIsFine() {
            Table leads = Table.restore(new TableId("Lead"), BASE_ID, "Leads", List.of(NAME), CREATED);
            when(fixture.tables.findByBase(BASE_ID)).thenReturn(List.of(fixture.table, leads));
            refused(BasehookException.Kind.CONFLICT,
                    () -> service.renameTable(new RenameTableCommand(ADMIN, BASE_ID, TABLE_ID, "Leads")));
            verify(fixture.tables, never()).update(any());
            service.renameTable(new RenameTableCommand(ADMIN, BASE_ID, TABLE_ID, "Opportunities"));
            verify(fixture.tables).update(fixture.table);
        }
    }

    @Nested
    class DeleteTable {

        private final DeleteTableService service = new DeleteTableService(fixture.lookup, fixture.tables, fixture.transactions);

        // the table's rows go with it, and still no delete_row: deleting a table is structure
        @Test
        void deletesTheTableAndSendsNothingForItsRows() {
            service.deleteTable(BOT, BASE_ID, TABLE_ID);
            InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables);
            order.verify(fixture.transactions).inTransaction(any());
            order.verify(fixture.bases).lockById(BASE_ID);
            order.verify(fixture.tables).delete(BASE_ID, TABLE_ID);
            order.verify(fixture.transactions).commit();
            verifyNoInteractions(fixture.rows);
        }

        @Test
        void aMissingTableIsNotFound() {
            assertEquals("table_not_found", refused(BasehookException.Kind.NOT_FOUND,
                    () -> service.deleteTable(ADMIN, BASE_ID, new TableId("zzzz"))).code());
            verify(fixture.tables, never()).delete(any(), any());
        }
    }

    @Nested
    class AddColumn {

        @Test
        void savesTheTableWithTheNewColumnAndTouchesNoRow() {
            AddColumnService service = new AddColumnService(fixture.lookup, fixture.tables, fixture.transactions, fixture.limits);
            Column column = service.addColumn(new AddColumnCommand(BOT, BASE_ID, TABLE_ID,
                    new ColumnSpec("Stage", ColumnType.SINGLE_SELECT, List.of(new OptionSpec(null, "won", null)))));
            assertEquals(column, fixture.table.columns().get(fixture.table.columns().size() - 1));
            verify(fixture.tables).update(fixture.table);
            verify(fixture.transactions).commit();
            verifyNoInteractions(fixture.rows);
        }

        @Test
        void aColumnOverTheLimitIsRefused() {
            int columns = fixture.table.columns().size();
            AddColumnService service = new AddColumnService(fixture.lookup, fixture.tables, fixture.transactions,
                    new Limits(1000, columns, 20, 1000));
            refused(BasehookException.Kind.LIMIT_EXCEEDED, () -> service.addColumn(new AddColumnCommand(ADMIN, BASE_ID,
                    TABLE_ID, new ColumnSpec("Stage", ColumnType.TEXT, null))));
            verify(fixture.tables, never()).update(any());
        }
    }

    @Nested
    class ChangeColumn {

        private final ChangeColumnService service = new ChangeColumnService(fixture.lookup, fixture.tables, fixture.rows,
                fixture.transactions);

        @Test
        void renamingSavesTheTableAndReadsNoRow() {
            Column renamed = service.changeColumn(new ChangeColumnCommand(BOT, BASE_ID, TABLE_ID, AMOUNT.key(), "Value",
                    null, null));
            assertEquals(new Column(AMOUNT.key(), "Value", ColumnType.NUMBER, List.of()), renamed);
            verify(fixture.tables).update(fixture.table);
            verifyNoInteractions(fixture.rows);
        }
    }

    @Nested
    class DeleteColumn {

        private final DeleteColumnService service = new DeleteColumnService(fixture.lookup, fixture.tables, fixture.rows,
                fixture.transactions);

        // its cells go too, yet no row event: the content rule "even though deleting a column drops its cells"
        @Test
        void removesTheColumnAndItsCellsInOneTransaction() {
            service.deleteColumn(BOT, BASE_ID, TABLE_ID, PRIO.key());
            assertEquals(Optional.empty(), fixture.table.findColumn(PRIO.key()));
            InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows);
            order.verify(fixture.transactions).inTransaction(any());
            order.verify(fixture.bases).lockById(BASE_ID);
            order.verify(fixture.tables).update(fixture.table);
            order.verify(fixture.rows).removeCells(BASE_ID, TABLE_ID, PRIO.key());
            order.verify(fixture.transactions).commit();
        }

        @Test
        void thePrimaryColumnStays() {
            assertEquals("primary_column", refused(BasehookException.Kind.CONFLICT,
                    () -> service.deleteColumn(ADMIN, BASE_ID, TABLE_ID, NAME.key())).code());
            verify(fixture.tables, never()).update(any());
            verifyNoInteractions(fixture.rows);
        }
    }

    @Nested
    class CreateApiToken {

        private final CreateApiTokenService service = new CreateApiTokenService(fixture.lookup, fixture.tokens,
                fixture.transactions, fixture.clock);

        @Test
        void storesTheTokenAndReturnsItsSecretOnce() {
            ApiToken.Issued issued = service.createApiToken(new CreateApiTokenCommand(ADMIN, BASE_ID, "ci-bot",
                    Permission.READ_WRITE));
            verify(fixture.tokens).insert(issued.token());
            assertEquals(BASE_ID, issued.token().baseId());
            assertEquals(NOW, issued.token().createdAt());
            verify(fixture.bases).lockById(BASE_ID);
            verify(fixture.transactions).commit();
        }

        @Test
        void aMissingBaseGetsNoToken() {
            refused(BasehookException.Kind.NOT_FOUND, () -> service.createApiToken(new CreateApiTokenCommand(ADMIN,
                    OTHER_BASE_ID, "ci-bot", Permission.READ_WRITE)));
            verify(fixture.tokens, never()).insert(any());
        }

        @Test
        void isForTheAdminOnly() {
            assertEquals("admin_only", refused(BasehookException.Kind.FORBIDDEN, () -> service.createApiToken(
                    new CreateApiTokenCommand(BOT, BASE_ID, "more", Permission.READ_WRITE))).code());
            refused(BasehookException.Kind.NOT_FOUND, () -> service.createApiToken(
                    new CreateApiTokenCommand(STRANGER, BASE_ID, "more", Permission.READ_WRITE)));
            verifyNoInteractions(fixture.allPorts());
        }
    }

    @Nested
    class DeleteApiToken {

        private final DeleteApiTokenService service = new DeleteApiTokenService(fixture.tokens, fixture.transactions);
        private final ApiTokenId tokenId = ApiTokenId.random();

        @Test
        void deletesTheTokenOfThatBase() {
            when(fixture.tokens.delete(BASE_ID, tokenId)).thenReturn(true);
            service.deleteApiToken(ADMIN, BASE_ID, tokenId);
            verify(fixture.tokens).delete(BASE_ID, tokenId);
            verify(fixture.transactions).commit();
        }

        @Test
        void anUnknownTokenIsNotFound() {
            assertEquals("api_token_not_found", refused(BasehookException.Kind.NOT_FOUND,
                    () -> service.deleteApiToken(ADMIN, BASE_ID, tokenId)).code());
        }

        @Test
        void isForTheAdminOnly() {
            refused(BasehookException.Kind.FORBIDDEN, () -> service.deleteApiToken(BOT, BASE_ID, tokenId));
            verifyNoInteractions(fixture.allPorts());
        }
    }
}
