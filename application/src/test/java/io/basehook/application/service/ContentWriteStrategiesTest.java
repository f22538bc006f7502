package io.basehook.application.service;

import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.application.write.ContentWrites;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.InOrder;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.FIRST_SEQ;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The content use cases read the same whichever strategy runs their writes: one transaction each, or group commit.
 * Alone, a write does the same under both, in the same order: lock, read the table, store, record, commit.
 */
class ContentWriteStrategiesTest {

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("group commit", (Function<Fixture, ContentWrites>) f -> f.groupCommit(Limits.DEFAULTS)),
                Arguments.of("transaction per write", (Function<Fixture, ContentWrites>) Fixture::transactionPerWrite));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void anInsertLocksReadsStoresAndRecordsInOneTransaction(String name, Function<Fixture, ContentWrites> strategy) {
        Fixture fixture = new Fixture();

        Row row = fixture.insertRows(Limits.DEFAULTS, strategy.apply(fixture)).insertRows(new InsertRowsCommand(ADMIN,
                BASE_ID, TABLE_ID, List.of(Map.of("Name", "ACME renewal")))).rows().get(0);

        InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows, fixture.outbox);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.tables).findById(BASE_ID, TABLE_ID);
        order.verify(fixture.rows).insertAll(BASE_ID, List.of(row));
        order.verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
        order.verify(fixture.outbox).append(anyList());
        order.verify(fixture.transactions).commit();
        assertEquals(List.of(OpType.INSERT_ROW), fixture.encoded().stream().map(event -> event.type()).toList());
        assertEquals(FIRST_SEQ, fixture.appended().get(0).seq());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aRejectedWriteStoresAndRecordsNothing(String name, Function<Fixture, ContentWrites> strategy) {
        Fixture fixture = new Fixture();
        InsertRowsCommand bad = new InsertRowsCommand(ADMIN, BASE_ID, TABLE_ID, List.of(Map.of("Prio", "+++")));

        BasehookException e = assertThrows(BasehookException.class,
                () -> fixture.insertRows(Limits.DEFAULTS, strategy.apply(fixture)).insertRows(bad));

        assertEquals("invalid_cell_value", e.code());
        verify(fixture.rows, never()).insertAll(any(), anyList());
        verifyNoInteractions(fixture.outbox);
        verify(fixture.transactions).rollback();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void anUpdateAndADeleteRecordTheirChangesAfterStoringThem(String name, Function<Fixture, ContentWrites> strategy) {
        Fixture fixture = new Fixture();
        Row a = fixture.givenRow(NAME, text("a"));
        Row b = fixture.givenRow(NAME, text("b"));
        fixture.givenStoredRows(a, b);
        ContentWrites writes = strategy.apply(fixture);

        fixture.updateRows(Limits.DEFAULTS, writes).updateRows(new UpdateRowsCommand(ADMIN, BASE_ID, TABLE_ID,
                List.of(new RowValues(a.id(), Map.of("Name", "A")))));
        int deleted = fixture.deleteRows(Limits.DEFAULTS, writes).deleteRows(new DeleteRowsCommand(ADMIN, BASE_ID,
                TABLE_ID, List.of(b.id()), true));

        assertEquals(1, deleted);
        InOrder order = inOrder(fixture.rows, fixture.outbox);
        order.verify(fixture.rows).updateAll(eq(BASE_ID), anyList());
        order.verify(fixture.outbox).append(anyList());
        order.verify(fixture.rows).deleteAll(BASE_ID, TABLE_ID, List.of(b.id()));
        order.verify(fixture.outbox).append(anyList());
        assertEquals(List.of(OpType.MODIFY_ROW, OpType.DELETE_ROW),
                fixture.encoded().stream().map(event -> event.type()).toList());
    }
}
