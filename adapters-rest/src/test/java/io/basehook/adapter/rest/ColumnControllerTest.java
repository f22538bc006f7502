package io.basehook.adapter.rest;

import io.basehook.application.port.in.AddColumnCommand;
import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class ColumnControllerTest extends ApiTestSupport {

    private static final String COLUMNS = "/api/v1/bases/" + BASE_ID + "/tables/9g8f/columns";

    @Test
    void listsTheColumnsOfATableInTheShapeOfItsRead() {
        when(listColumns.listColumns(Actor.admin(), BASE_ID, Fixtures.TABLE_ID)).thenReturn(Fixtures.table().columns());

        Reply reply = get(COLUMNS);

        assertEquals(200, reply.status());
        assertEquals(List.of("columns"), List.copyOf(reply.json().keySet()));
        assertEquals(Map.of("key", "0000", "name", "Name", "type", "text", "options", List.of()),
                Reply.at(reply.json().get("columns"), 0));
        assertEquals(Map.of("key", "589r", "name", "Prio", "type", "single-select", "options", List.of(
                        Map.of("id", "381992", "name", "++", "color", "#F4667C"),
                        Map.of("id", "381993", "name", "+", "color", "#59CB74"))),
                Reply.at(reply.json().get("columns"), 1));
    }

    @Test
    void aMalformedTableIdWhenListingColumnsIs404() {
        Reply reply = get("/api/v1/bases/" + BASE_ID + "/tables/not-a-table/columns");

        assertEquals(404, reply.status());
        assertEquals("table_not_found", reply.json().get("code"));
        verifyNoInteractions(listColumns);
    }

    @Test
    void addsAColumnWith201() {
        when(addColumn.addColumn(any())).thenReturn(Fixtures.TAGS);

        Reply reply = post(COLUMNS, "{\"name\":\"Tags\",\"type\":\"multiple-select\",\"options\":[{\"name\":\"red\"}]}");

        assertEquals(201, reply.status());
        assertEquals(Map.of("key", "tag5", "name", "Tags", "type", "multiple-select", "options", List.of(
                Map.of("id", "100001", "name", "red", "color", "#FF0000"),
                Map.of("id", "100002", "name", "blue", "color", "#0000FF"))), reply.json());
        verify(addColumn).addColumn(new AddColumnCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID,
                new ColumnSpec("Tags", ColumnType.MULTIPLE_SELECT, List.of(new OptionSpec(null, "red", null)))));
    }

    @Test
    void aColumnWithoutTypeIs400NamingIt() {
        Reply reply = post(COLUMNS, "{\"name\":\"Tags\"}");

        assertEquals(400, reply.status());
        assertEquals("type", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(addColumn);
    }

    @Test
    void renamingOnlyLeavesTypeAndOptionsAlone() {
        when(changeColumn.changeColumn(any())).thenReturn(Fixtures.PRICE);

        Reply reply = patch(COLUMNS + "/pr1c", "{\"name\":\"Amount\"}");

        assertEquals(200, reply.status());
        assertEquals("pr1c", reply.json().get("key"));
        verify(changeColumn).changeColumn(new ChangeColumnCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID,
                new ColumnKey("pr1c"), "Amount", null, null));
    }

    @Test
    void retypingPassesTypeAndOptions() {
        when(changeColumn.changeColumn(any())).thenReturn(Fixtures.PRIO);

        patch(COLUMNS + "/589r", "{\"type\":\"single-select\",\"options\":[{\"id\":\"381992\",\"name\":\"++\"}]}");

        verify(changeColumn).changeColumn(new ChangeColumnCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID,
                new ColumnKey("589r"), null, ColumnType.SINGLE_SELECT, List.of(new OptionSpec("381992", "++", null))));
    }

    @Test
    void deletesAColumnWith204() {
        assertEquals(204, delete(COLUMNS + "/pr1c").status());

        verify(deleteColumn).deleteColumn(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, new ColumnKey("pr1c"));
    }

    @Test
    void aMalformedColumnKeyIs404() {
        Reply reply = delete(COLUMNS + "/x");

        assertEquals(404, reply.status());
        assertEquals("column_not_found", reply.json().get("code"));
        verifyNoInteractions(deleteColumn);
    }
}
