package io.basehook.adapter.rest;

import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.TableRowPage;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.ValuesKeyedBy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class RowControllerTest extends ApiTestSupport {

    private static final String ROWS = "/api/v1/bases/" + BASE_ID + "/tables/9g8f/rows";
    private static final String ROW = ROWS + "/" + Fixtures.ROW_ID;
    private static final String LATER_WIRE = "2026-11-28T09:15:42.517Z";

    @Test
    void insertsRowsAndHandsTheUseCaseExactPlainValues() {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        Reply reply = post(ROWS, """
                {"rows": [{"Name": "ACME", "Price": 0.1, "Big": 12345678901234567890.123456789, "Count": 3,
                           "Done": true, "Tags": ["red", "blue"], "Prio": null}, {}]}""");

        assertEquals(201, reply.status());
        ArgumentCaptor<InsertRowsCommand> command = ArgumentCaptor.forClass(InsertRowsCommand.class);
        verify(insertRows).insertRows(command.capture());
        Map<String, Object> values = command.getValue().rows().get(0);
        assertEquals(new BigDecimal("0.1"), values.get("Price"));
        assertEquals(new BigDecimal("12345678901234567890.123456789"), values.get("Big"));
        assertEquals(3, values.get("Count"));
        assertEquals(Boolean.TRUE, values.get("Done"));
        assertEquals(List.of("red", "blue"), values.get("Tags"));
        assertTrue(values.containsKey("Prio"));
        assertEquals(null, values.get("Prio"));
        assertEquals(Map.of(), command.getValue().rows().get(1));
        assertEquals(Actor.admin(), command.getValue().actor());
        assertEquals(Fixtures.TABLE_ID, command.getValue().tableId());
    }

    @Test
    void rowsAreReadAndAnsweredByColumnKeyWithKeysKey() {
        when(getRow.getRow(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, Fixtures.ROW_ID))
                .thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));
        when(listRows.listRows(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, 100, null))
                .thenReturn(new TableRowPage(Fixtures.table(), List.of(Fixtures.row()), null));

        Reply one = get(ROW + "?keys=key");
        Reply page = get(ROWS + "?keys=key");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("0000", "ACME renewal");
        expected.put("589r", "++");
        expected.put("pr1c", new BigDecimal("12345678901234567890.123456789"));
        expected.put("d0ne", false);
        assertEquals(200, one.status());
        assertEquals(expected, one.json().get("values"));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) one.json().get("values")).keySet()));
        assertEquals(expected, Reply.at(page.json().get("rows"), 0).get("values"));
        assertEquals("ACME renewal", ((Map<?, ?>) get(ROW + "?keys=name").json().get("values")).get("Name"));
    }

    @Test
    void writesWithKeysKeyHandTheUseCaseTheValuesByKeyAndAnswerByKey() {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));
        when(updateRows.updateRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        Reply inserted = post(ROWS + "?keys=key", "{\"rows\":[{\"pr1c\":0.10,\"589r\":null}]}");
        Reply patched = patch(ROW + "?keys=key", "{\"values\":{\"d0ne\":true}}");
        Reply batch = patch(ROWS + "?keys=key", "{\"updates\":[{\"id\":\"" + Fixtures.ROW_ID + "\",\"values\":{}}]}");

        ArgumentCaptor<InsertRowsCommand> insert = ArgumentCaptor.forClass(InsertRowsCommand.class);
        verify(insertRows).insertRows(insert.capture());
        assertEquals(ValuesKeyedBy.KEY, insert.getValue().keyedBy());
        assertEquals(new BigDecimal("0.10"), insert.getValue().rows().get(0).get("pr1c"));
        assertTrue(insert.getValue().rows().get(0).containsKey("589r"));
        ArgumentCaptor<UpdateRowsCommand> update = ArgumentCaptor.forClass(UpdateRowsCommand.class);
        verify(updateRows, org.mockito.Mockito.times(2)).updateRows(update.capture());
        assertEquals(List.of(ValuesKeyedBy.KEY, ValuesKeyedBy.KEY),
                update.getAllValues().stream().map(UpdateRowsCommand::keyedBy).toList());
        assertEquals(Map.of("d0ne", true), update.getAllValues().get(0).updates().get(0).values());
        assertEquals("ACME renewal", ((Map<?, ?>) Reply.at(inserted.json().get("rows"), 0).get("values")).get("0000"));
        assertEquals("ACME renewal", ((Map<?, ?>) patched.json().get("values")).get("0000"));
        assertEquals(200, batch.status());
    }

    @Test
    void writesWithoutKeysReadValuesByName() {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        post(ROWS, "{\"rows\":[{\"Name\":\"ACME\"}]}");

        ArgumentCaptor<InsertRowsCommand> insert = ArgumentCaptor.forClass(InsertRowsCommand.class);
        verify(insertRows).insertRows(insert.capture());
        assertEquals(ValuesKeyedBy.NAME, insert.getValue().keyedBy());
    }

    @Test
    void anUnknownKeysIs400NamingItAndReachesNoUseCase() {
        Reply read = get(ROWS + "?keys=id");
        Reply write = post(ROWS + "?keys=Key", "{\"rows\":[{}]}");

        assertEquals(400, read.status());
        assertEquals("invalid_keys", read.json().get("code"));
        assertEquals("keys", Reply.at(read.json().get("errors"), 0).get("field"));
        assertEquals(400, write.status());
        assertEquals("invalid_keys", write.json().get("code"));
        verifyNoInteractions(listRows, insertRows);
    }

    @Test
    void anInsertAnswersRowsByColumnNameWithoutEmptyOrOrphanCells() {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        Reply reply = post(ROWS, "{\"rows\":[{\"Name\":\"ACME renewal\"}]}");

        Map<String, Object> row = Reply.at(reply.json().get("rows"), 0);
        assertEquals(List.of("id", "createdAt", "updatedAt", "values"), List.copyOf(row.keySet()));
        assertEquals(Fixtures.ROW_ID.value(), row.get("id"));
        assertEquals(T0_WIRE, row.get("createdAt"));
        assertEquals(LATER_WIRE, row.get("updatedAt"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Name", "ACME renewal");
        expected.put("Prio", "++");
        expected.put("Price", new BigDecimal("12345678901234567890.123456789"));
        expected.put("Done", false);
        assertEquals(expected, row.get("values"));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) row.get("values")).keySet()));
        assertTrue(reply.body().contains("\"Price\":12345678901234567890.123456789"), reply.body());
    }

    @Test
    void rowsMustBeAnArrayOfObjects() {
        Reply notArray = post(ROWS, "{\"rows\":{\"Name\":\"x\"}}");
        Reply notObject = post(ROWS, "{\"rows\":[{\"Name\":\"x\"}, 7]}");
        Reply missing = post(ROWS, "{}");

        assertEquals(400, notArray.status());
        assertEquals("rows", Reply.at(notArray.json().get("errors"), 0).get("field"));
        assertEquals(400, notObject.status());
        assertEquals("rows[1]", Reply.at(notObject.json().get("errors"), 0).get("field"));
        assertEquals(400, missing.status());
        assertEquals("rows", Reply.at(missing.json().get("errors"), 0).get("field"));
        verifyNoInteractions(insertRows);
    }

    @Test
    void aMalformedRowBodyIs400() {
        Reply truncated = post(ROWS, "{\"rows\":[{\"Name\":");
        Reply twice = post(ROWS, "{\"rows\":[{\"Name\":\"a\",\"Name\":\"b\"}]}");

        assertEquals(400, truncated.status());
        assertEquals("application/problem+json", truncated.contentType());
        assertEquals("malformed_json", truncated.json().get("code"));
        assertEquals(400, twice.status());
        assertEquals("duplicate_key", twice.json().get("code"));
        assertEquals("rows[0].Name", Reply.at(twice.json().get("errors"), 0).get("field"));
        verifyNoInteractions(insertRows);
    }

    @Test
    void listsAPageWithTheDefaultLimit() {
        when(listRows.listRows(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, 100, null))
                .thenReturn(new TableRowPage(Fixtures.table(), List.of(Fixtures.row()), "next-page"));

        Reply reply = get(ROWS);

        assertEquals(200, reply.status());
        assertEquals("next-page", reply.json().get("nextCursor"));
        assertEquals(Fixtures.ROW_ID.value(), Reply.at(reply.json().get("rows"), 0).get("id"));
    }

    @Test
    void passesLimitAndCursorAndShowsTheLastPageAsNullCursor() {
        when(listRows.listRows(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, 2, "abc"))
                .thenReturn(new TableRowPage(Fixtures.table(), List.of(), null));

        Reply reply = get(ROWS + "?limit=2&cursor=abc");

        assertEquals(200, reply.status());
        assertEquals(Arrays.asList("rows", "nextCursor"), List.copyOf(reply.json().keySet()));
        assertEquals(List.of(), reply.json().get("rows"));
        assertEquals(null, reply.json().get("nextCursor"));
    }

    @Test
    void readsOneRow() {
        when(getRow.getRow(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, Fixtures.ROW_ID))
                .thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        Reply reply = get(ROW);

        assertEquals(200, reply.status());
        assertEquals(Fixtures.ROW_ID.value(), reply.json().get("id"));
        assertEquals("++", ((Map<?, ?>) reply.json().get("values")).get("Prio"));
    }

    @Test
    void patchingOneRowKeepsNullsAsClearedCells() {
        when(updateRows.updateRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of(Fixtures.row())));

        Reply reply = patch(ROW, "{\"values\":{\"Prio\":null,\"Price\":0.30}}");

        assertEquals(200, reply.status());
        assertEquals(Fixtures.ROW_ID.value(), reply.json().get("id"));
        ArgumentCaptor<UpdateRowsCommand> command = ArgumentCaptor.forClass(UpdateRowsCommand.class);
        verify(updateRows).updateRows(command.capture());
        RowValues update = command.getValue().updates().get(0);
        assertEquals(Fixtures.ROW_ID, update.id());
        assertTrue(update.values().containsKey("Prio"));
        assertEquals(null, update.values().get("Prio"));
        assertEquals(new BigDecimal("0.30"), update.values().get("Price"));
    }

    @Test
    void errorsOfASingleRowPatchNameTheFieldsAsSent() {
        when(updateRows.updateRows(any())).thenThrow(new BasehookException(BasehookException.Kind.INVALID,
                "invalid_cell_value", "column 'Prio' has no option 'x'",
                List.of(new FieldError("updates[0].values.Prio", "column 'Prio' has no option 'x'"))));

        Reply reply = patch(ROW, "{\"values\":{\"Prio\":\"x\"}}");

        assertEquals(400, reply.status());
        assertEquals(List.of(Map.of("field", "values.Prio", "message", "column 'Prio' has no option 'x'")),
                reply.json().get("errors"));
    }

    @Test
    void patchingWithoutValuesIs400() {
        Reply reply = patch(ROW, "{}");
        Reply cellsOutsideValues = patch(ROW, "{\"Prio\":\"++\"}");

        assertEquals(400, reply.status());
        assertEquals("values", Reply.at(reply.json().get("errors"), 0).get("field"));
        assertEquals(400, cellsOutsideValues.status());
        assertEquals("Prio", Reply.at(cellsOutsideValues.json().get("errors"), 0).get("field"));
        verifyNoInteractions(updateRows);
    }

    @Test
    void patchesABatch() {
        when(updateRows.updateRows(any())).thenReturn(new TableRows(Fixtures.table(),
                List.of(Fixtures.row(), Fixtures.emptyRow(Fixtures.OTHER_ROW_ID))));

        Reply reply = patch(ROWS, "{\"updates\":[{\"id\":\"" + Fixtures.ROW_ID + "\",\"values\":{\"Done\":true}},"
                + "{\"id\":\"" + Fixtures.OTHER_ROW_ID + "\",\"values\":{\"Name\":null}}]}");

        assertEquals(200, reply.status());
        // every cell empty: only the unticked checkbox shows, as false
        assertEquals(Map.of("Done", false), Reply.at(reply.json().get("rows"), 1).get("values"));
        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("Name", null);
        verify(updateRows).updateRows(new UpdateRowsCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, List.of(
                new RowValues(Fixtures.ROW_ID, Map.of("Done", true)), new RowValues(Fixtures.OTHER_ROW_ID, cleared))));
    }

    @Test
    void aBatchUpdateNeedsAWellFormedIdPerRow() {
        Reply missing = patch(ROWS, "{\"updates\":[{\"values\":{}}]}");
        Reply malformed = patch(ROWS, "{\"updates\":[{\"id\":\"" + Fixtures.ROW_ID + "\",\"values\":{}},{\"id\":\"x\",\"values\":{}}]}");

        assertEquals(400, missing.status());
        assertEquals("updates[0].id", Reply.at(missing.json().get("errors"), 0).get("field"));
        assertEquals(400, malformed.status());
        assertEquals("invalid_row_id", malformed.json().get("code"));
        assertEquals("updates[1].id", Reply.at(malformed.json().get("errors"), 0).get("field"));
        verifyNoInteractions(updateRows);
    }

    @Test
    void deletesOneRowRequiringItToExist() {
        Reply reply = delete(ROW);

        assertEquals(204, reply.status());
        verify(deleteRows).deleteRows(new DeleteRowsCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID,
                List.of(Fixtures.ROW_ID), true));
    }

    @Test
    void deletesABatchAndCountsWhatExisted() {
        when(deleteRows.deleteRows(any())).thenReturn(1);

        Reply reply = delete(ROWS, "{\"ids\":[\"" + Fixtures.ROW_ID + "\",\"" + Fixtures.OTHER_ROW_ID + "\"]}");

        assertEquals(200, reply.status());
        assertEquals(Map.of("deleted", 1), reply.json());
        verify(deleteRows).deleteRows(new DeleteRowsCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID,
                List.of(Fixtures.ROW_ID, Fixtures.OTHER_ROW_ID), false));
    }

    @Test
    void aTooLargeBatchIsA4xxNotA500() {
        when(insertRows.insertRows(any())).thenThrow(
                BasehookException.limit("batch_too_large", "rows holds 1001 rows; at most 1000 per request"));

        Reply reply = post(ROWS, "{\"rows\":[{}]}");

        assertEquals(422, reply.status());
        assertEquals("batch_too_large", reply.json().get("code"));
    }
}
