package io.basehook.adapter.rest;

import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.application.port.in.RenameTableCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class TableControllerTest extends ApiTestSupport {

    private static final String TABLES = "/api/v1/bases/" + BASE_ID + "/tables";

    @Test
    void createsATableWithItsColumnsAndOptions() {
        when(createTable.createTable(any())).thenReturn(Fixtures.table());

        Reply reply = post(TABLES, """
                {"name": "Opportunities", "columns": [
                  {"name": "Name", "type": "text"},
                  {"name": "Prio", "type": "single-select", "options": [{"name": "++", "color": "#F4667C"}, {"name": "+"}]}
                ]}""");

        assertEquals(201, reply.status());
        assertEquals("9g8f", reply.json().get("id"));
        assertEquals(T0_WIRE, reply.json().get("createdAt"));
        assertEquals(5, ((List<?>) reply.json().get("columns")).size());
        ArgumentCaptor<CreateTableCommand> command = ArgumentCaptor.forClass(CreateTableCommand.class);
        verify(createTable).createTable(command.capture());
        assertEquals(new CreateTableCommand(Actor.admin(), BASE_ID, "Opportunities", List.of(
                new ColumnSpec("Name", ColumnType.TEXT, List.of()),
                new ColumnSpec("Prio", ColumnType.SINGLE_SELECT,
                        List.of(new OptionSpec(null, "++", "#F4667C"), new OptionSpec(null, "+", null))))),
                command.getValue());
    }

    @Test
    void aTableWithoutColumnsLeavesThemToTheDomain() {
        when(createTable.createTable(any())).thenReturn(Fixtures.table());

        assertEquals(201, post(TABLES, "{\"name\":\"Opportunities\"}").status());

        verify(createTable).createTable(new CreateTableCommand(Actor.admin(), BASE_ID, "Opportunities", List.of()));
    }

    @Test
    void anUnknownColumnTypeIs400NamingTheColumn() {
        Reply reply = post(TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\"},{\"name\":\"B\",\"type\":\"money\"}]}");

        assertEquals(400, reply.status());
        assertEquals("invalid_column_type", reply.json().get("code"));
        assertEquals("columns[1].type", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createTable);
    }

    @Test
    void aColumnWithoutNameIs400NamingIt() {
        Reply reply = post(TABLES, "{\"name\":\"T\",\"columns\":[{\"type\":\"text\"}]}");

        assertEquals(400, reply.status());
        assertEquals("columns[0].name", Reply.at(reply.json().get("errors"), 0).get("field"));
    }

    @Test
    void readsATable() {
        when(getTable.getTable(Actor.admin(), BASE_ID, Fixtures.TABLE_ID)).thenReturn(Fixtures.table());

        Reply reply = get(TABLES + "/9g8f");

        assertEquals(200, reply.status());
        assertEquals(List.of("id", "name", "createdAt", "columns"), List.copyOf(reply.json().keySet()));
        assertEquals(Map.of("key", "pr1c", "name", "Price", "type", "number", "options", List.of()),
                Reply.at(reply.json().get("columns"), 2));
    }

    @Test
    void listsTheTablesOfABaseInTheShapeOfTheirRead() {
        when(listTables.listTables(Actor.admin(), BASE_ID)).thenReturn(List.of(Fixtures.table()));

        Reply reply = get(TABLES);

        assertEquals(200, reply.status());
        assertEquals(List.of("tables"), List.copyOf(reply.json().keySet()));
        Map<String, Object> table = Reply.at(reply.json().get("tables"), 0);
        assertEquals(List.of("id", "name", "createdAt", "columns"), List.copyOf(table.keySet()));
        assertEquals("9g8f", table.get("id"));
        assertEquals(Map.of("key", "pr1c", "name", "Price", "type", "number", "options", List.of()),
                Reply.at(table.get("columns"), 2));
    }

    @Test
    void aBaseWithoutTablesListsAnEmptyArray() {
        when(listTables.listTables(any(), any())).thenReturn(List.of());

        assertEquals(Map.of("tables", List.of()), get(TABLES).json());
    }

    @Test
    void renamesATable() {
        when(renameTable.renameTable(any())).thenReturn(Fixtures.table());

        Reply reply = patch(TABLES + "/9g8f", "{\"name\":\"Deals\"}");

        assertEquals(200, reply.status());
        verify(renameTable).renameTable(new RenameTableCommand(Actor.admin(), BASE_ID, Fixtures.TABLE_ID, "Deals"));
    }

    @Test
    void renamingWithoutNameIs400() {
        Reply reply = patch(TABLES + "/9g8f", "{}");

        assertEquals(400, reply.status());
        assertEquals("name", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(renameTable);
    }

    @Test
    void deletesATableWith204() {
        assertEquals(204, delete(TABLES + "/9g8f").status());

        verify(deleteTable).deleteTable(Actor.admin(), BASE_ID, Fixtures.TABLE_ID);
    }

    @Test
    void aMalformedTableIdIs404() {
        Reply reply = get(TABLES + "/toolong");

        assertEquals(404, reply.status());
        assertEquals("table_not_found", reply.json().get("code"));
    }
}
