package io.basehook.application.service;

import io.basehook.application.port.in.BasePage;
import io.basehook.application.port.in.BaseWithTables;
import io.basehook.application.port.in.ChangeFeed;
import io.basehook.application.port.in.TableRowPage;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowPage;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.TableId;
import io.basehook.domain.token.ApiToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.CREATED;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.OTHER_BASE_ID;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Reads change nothing: they run read-only, never in a write transaction, and never reach the outbox's writes. */
class ReadServicesTest {

    /** A configured budget, not the default, so the tests see it passed on. */
    private static final long PAGE_BYTES = 12_345;

    private final Fixture fixture = new Fixture();

    @AfterEach
    void nothingWritten() {
        verify(fixture.transactions, never()).inTransaction(any());
        verify(fixture.outbox, never()).append(any());
        verify(fixture.outbox, never()).reserveSeqs(any(), anyInt());
    }

    private static BasehookException.Kind refusedKind(Executable call) {
        return assertThrows(BasehookException.class, call).kind();
    }

    @Nested
    class ListBases {

        private final ListBasesService service = new ListBasesService(fixture.bases, new Limits(1000, 500, 20, 100));

        @Test
        void theAdminSeesEveryBase() {
            Base other = Base.restore(OTHER_BASE_ID, "HR", CREATED);
            when(fixture.bases.findAll()).thenReturn(List.of(fixture.base, other));
            assertEquals(List.of(fixture.base, other), service.listBases(ADMIN, 100, null).bases());
        }

        @Test
        void aTokenSeesItsOwnBaseOnly() {
            assertEquals(new BasePage(List.of(fixture.base), null), service.listBases(VIEWER, 100, null));
            verify(fixture.bases, never()).findAll();
        }

        @Test
        void aTokenWhoseBaseIsGoneSeesNone() {
            assertEquals(List.of(), service.listBases(STRANGER, 100, null).bases());
        }

        @Test
        void pagesInCreationOrderAndTheCursorOutlivesTheLastBaseOfItsPage() {
            Base first = Base.restore(new BaseId("00000000000000000000000000000001"), "A", CREATED);
            Base second = Base.restore(new BaseId("00000000000000000000000000000002"), "B", CREATED);
            Base third = Base.restore(new BaseId("00000000000000000000000000000003"), "C", NOW);
            when(fixture.bases.findAll()).thenReturn(List.of(first, second, third));

            BasePage page = service.listBases(ADMIN, 2, null);
            assertEquals(List.of(first, second), page.bases());
            when(fixture.bases.findAll()).thenReturn(List.of(first, third));
            BasePage last = service.listBases(ADMIN, 2, page.nextCursor());

            assertEquals(new BasePage(List.of(third), null), last);
            assertEquals(new BasePage(List.of(first, third), null), service.listBases(ADMIN, 2, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x", "MTIz", "MTIzLm5vdC1hbi1pZA"})
        void aCursorNoPageReturnedIsInvalid(String cursor) {
            BasehookException e = assertThrows(BasehookException.class, () -> service.listBases(ADMIN, 10, cursor));
            assertEquals("invalid_cursor", e.code());
        }

        @Test
        void aLimitOutsideOneToThePageSizeIsInvalid() {
            assertEquals("invalid_limit", assertThrows(BasehookException.class,
                    () -> service.listBases(ADMIN, 0, null)).code());
            assertEquals("invalid_limit", assertThrows(BasehookException.class,
                    () -> service.listBases(ADMIN, 101, null)).code());
            verifyNoInteractions(fixture.bases);
        }
    }

    @Nested
    class GetBaseTableAndRow {

        @Test
        void aBaseComesWithItsTables() {
            BaseWithTables result = new GetBaseService(fixture.lookup, fixture.tables, fixture.transactions).getBase(BOT, BASE_ID);
            assertSame(fixture.base, result.base());
            assertEquals(List.of(fixture.table), result.tables());
            verify(fixture.transactions).readOnly(any());
        }

        @Test
        void aMissingBaseIsNotFound() {
            assertEquals(BasehookException.Kind.NOT_FOUND, refusedKind(
                    () -> new GetBaseService(fixture.lookup, fixture.tables, fixture.transactions).getBase(ADMIN, OTHER_BASE_ID)));
        }

        @Test
        void aTableIsFoundInItsBase() {
            assertSame(fixture.table, new GetTableService(fixture.lookup).getTable(VIEWER, BASE_ID, TABLE_ID));
        }

        @Test
        void theTablesOfABaseAreListedInARead() {
            assertEquals(List.of(fixture.table), new ListTablesService(fixture.lookup, fixture.tables,
                    fixture.transactions).listTables(VIEWER, BASE_ID));
            verify(fixture.transactions).readOnly(any());
        }

        @Test
        void theTablesOfAMissingBaseAreNotFound() {
            assertEquals(BasehookException.Kind.NOT_FOUND, refusedKind(() -> new ListTablesService(fixture.lookup,
                    fixture.tables, fixture.transactions).listTables(ADMIN, OTHER_BASE_ID)));
        }

        @Test
        void theColumnsOfATableAreListedInTheirOrder() {
            assertEquals(fixture.table.columns(), new ListColumnsService(fixture.lookup)
                    .listColumns(VIEWER, BASE_ID, TABLE_ID));
            assertEquals(BasehookException.Kind.NOT_FOUND, refusedKind(() -> new ListColumnsService(fixture.lookup)
                    .listColumns(VIEWER, BASE_ID, new TableId("n0ne"))));
        }

        @Test
        void aRowComesWithItsTable() {
            Row row = fixture.givenRow(NAME, text("ACME"));
            fixture.givenStoredRows(row);
            TableRows result = new GetRowService(fixture.lookup, fixture.rows, fixture.transactions)
                    .getRow(VIEWER, BASE_ID, TABLE_ID, row.id());
            assertSame(fixture.table, result.table());
            assertEquals(List.of(row), result.rows());
        }

        @Test
        void aMissingRowIsRowNotFound() {
            fixture.givenStoredRows();
            BasehookException e = assertThrows(BasehookException.class, () -> new GetRowService(fixture.lookup,
                    fixture.rows, fixture.transactions).getRow(VIEWER, BASE_ID, TABLE_ID, RowId.random()));
            assertEquals("row_not_found", e.code());
        }
    }

    @Nested
    class ListRows {

        private final ListRowsService service = new ListRowsService(fixture.lookup, fixture.rows, fixture.transactions,
                new Limits(1000, 500, 20, 100, PAGE_BYTES));

        @Test
        void passesTheCursorAndTheByteBudgetAndReturnsTheNextCursor() {
            Row row = fixture.givenRow(NAME, text("ACME"));
            when(fixture.rows.page(BASE_ID, TABLE_ID, 100, PAGE_BYTES, "c1")).thenReturn(new RowPage(List.of(row), "c2"));
            TableRowPage page = service.listRows(VIEWER, BASE_ID, TABLE_ID, 100, "c1");
            assertEquals(List.of(row), page.rows());
            assertEquals("c2", page.nextCursor());
            assertSame(fixture.table, page.table());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 101})
        void aLimitOutsideOneToTheMaximumIsInvalid(int limit) {
            BasehookException e = assertThrows(BasehookException.class,
                    () -> service.listRows(VIEWER, BASE_ID, TABLE_ID, limit, null));
            assertEquals("invalid_limit", e.code());
            verifyNoInteractions(fixture.rows);
        }
    }

    @Nested
    class ReadChangeFeed {

        private final ReadChangeFeedService service = new ReadChangeFeedService(fixture.lookup, fixture.outbox,
                fixture.transactions, new Limits(1000, 500, 20, 100, PAGE_BYTES));

        @Test
        void returnsTheEventsAfterTheSeqWithinTheByteBudgetAndTheLastSeq() {
            StoredEvent event = new StoredEvent(BASE_ID, 42, EventId.at(NOW), OpType.MODIFY_ROW, NOW, "{}");
            when(fixture.outbox.lastSeq(BASE_ID)).thenReturn(57L);
            when(fixture.outbox.readAfter(BASE_ID, 41, 1, PAGE_BYTES)).thenReturn(List.of(event));
            ChangeFeed feed = service.readChangeFeed(VIEWER, BASE_ID, 41, 1);
            assertEquals(List.of(event), feed.events());
            assertEquals(57, feed.lastSeq());
            assertEquals(42, feed.nextAfter());
            verify(fixture.transactions).readOnly(any());
        }

        @Test
        void anEmptyPageGoesOnAfterTheSeqItWasAskedFor() {
            when(fixture.outbox.lastSeq(BASE_ID)).thenReturn(57L);
            when(fixture.outbox.readAfter(BASE_ID, 57, 10, PAGE_BYTES)).thenReturn(List.of());
            ChangeFeed feed = service.readChangeFeed(VIEWER, BASE_ID, 57, 10);
            assertEquals(List.of(), feed.events());
            assertEquals(57, feed.nextAfter());
        }

        @Test
        void aNegativeAfterOrABadLimitIsInvalid() {
            assertEquals("invalid_after", assertThrows(BasehookException.class,
                    () -> service.readChangeFeed(VIEWER, BASE_ID, -1, 10)).code());
            assertEquals("invalid_limit", assertThrows(BasehookException.class,
                    () -> service.readChangeFeed(VIEWER, BASE_ID, 0, 101)).code());
            verifyNoInteractions(fixture.outbox);
        }

        @Test
        void aMissingBaseIsNotFound() {
            assertEquals(BasehookException.Kind.NOT_FOUND, refusedKind(() -> service.readChangeFeed(ADMIN, OTHER_BASE_ID, 0, 10)));
            verifyNoInteractions(fixture.outbox);
        }
    }

    @Nested
    class ListApiTokens {

        @Test
        void listsTheTokensOfTheBase() {
            ApiToken token = ApiToken.issue(BASE_ID, "ci-bot", Permission.READ_WRITE, NOW).token();
            when(fixture.tokens.findByBase(BASE_ID)).thenReturn(List.of(token));
            assertEquals(List.of(token), new ListApiTokensService(fixture.lookup, fixture.tokens, fixture.transactions)
                    .listApiTokens(Actor.admin(), BASE_ID));
        }

        @Test
        void aMissingBaseIsNotFound() {
            when(fixture.bases.findById(OTHER_BASE_ID)).thenReturn(Optional.empty());
            assertEquals(BasehookException.Kind.NOT_FOUND, refusedKind(() -> new ListApiTokensService(fixture.lookup,
                    fixture.tokens, fixture.transactions).listApiTokens(ADMIN, OTHER_BASE_ID)));
            verifyNoInteractions(fixture.tokens);
        }
    }
}
