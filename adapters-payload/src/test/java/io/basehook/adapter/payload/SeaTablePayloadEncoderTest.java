package io.basehook.adapter.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeaTablePayloadEncoderTest {

    private final SeaTablePayloadEncoder encoder = new SeaTablePayloadEncoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Instant now = Instant.parse("2022-04-14T09:47:02.589Z");
    private final Table table = Table.create(BaseId.random(), "Opportunities", List.of(
            new ColumnSpec("Name", ColumnType.TEXT, List.of()),
            new ColumnSpec("Prio", ColumnType.SINGLE_SELECT, List.of(new OptionSpec("381992", "++", "#F4667C"))),
            new ColumnSpec("Amount", ColumnType.NUMBER, List.of()),
            new ColumnSpec("Done", ColumnType.CHECKBOX, List.of())), Set.of(), 500, now);

    private Column column(String name) {
        return table.columnNamed(name).orElseThrow();
    }

    private CellPatch patch(Map<String, Object> values) {
        return table.parseValues(values, "", new java.util.ArrayList<>());
    }

    @Test
    void modifyRowCarriesOnlyChangedCellsWithOldValuesAndSelectIds() throws Exception {
        Row row = Row.create(table, patch(Map.of("Name", "ACME renewal", "Amount", 10)), Actor.admin(), now).row();
        ChangeEvent event = row.update(table, patch(Map.of("Prio", "++", "Amount", 10.50)),
                Actor.token("ci-bot", table.baseId(), Permission.READ_WRITE), now).event().orElseThrow();

        JsonNode body = mapper.readTree(encoder.encode(event, 42));

        assertEquals("update", body.get("event").asText());
        JsonNode data = body.get("data");
        assertEquals(table.baseId().value(), data.get("dtable_uuid").asText());
        assertEquals(row.id().value(), data.get("row_id").asText());
        assertEquals("token:ci-bot", data.get("op_user").asText());
        assertEquals("ci-bot", data.get("op_app").asText());
        assertEquals("modify_row", data.get("op_type").asText());
        assertEquals(new BigDecimal("1649929622.589"), data.get("op_time").decimalValue());
        assertEquals(table.id().value(), data.get("table_id").asText());
        assertEquals("Opportunities", data.get("table_name").asText());
        assertEquals("ACME renewal", data.get("row_name").asText());
        assertEquals(event.id().value(), data.get("event_id").asText());
        assertEquals(42, data.get("seq").asLong());

        JsonNode cells = data.get("row_data");
        assertEquals(2, cells.size(), "only the two changed cells");
        JsonNode prio = cells.get(0);
        assertEquals(column("Prio").key().value(), prio.get("column_key").asText());
        assertEquals("single-select", prio.get("column_type").asText());
        assertEquals("381992", prio.get("value").asText());
        assertTrue(prio.get("old_value").isNull());
        assertEquals("++", prio.get("column_data").get("options").get(0).get("name").asText());
        JsonNode amount = cells.get(1);
        assertEquals(0, new BigDecimal("10.5").compareTo(amount.get("value").decimalValue()));
        assertEquals(10, amount.get("old_value").asInt());
        assertTrue(amount.get("column_data").isNull());
    }

    @Test
    void adminInsertHasNullOpAppAndEveryNonEmptyCell() throws Exception {
        ChangeEvent event = Row.create(table, patch(Map.of("Name", "x", "Done", true)), Actor.admin(), now).event();

        JsonNode data = mapper.readTree(encoder.encode(event, 1)).get("data");

        assertEquals("admin", data.get("op_user").asText());
        assertTrue(data.has("op_app") && data.get("op_app").isNull());
        assertEquals("insert_row", data.get("op_type").asText());
        assertEquals(2, data.get("row_data").size());
        assertEquals(true, data.get("row_data").get(1).get("value").asBoolean(false));
    }

    @Test
    void tickingAndUntickingShowFalseRatherThanNullLikeSeaTable() throws Exception {
        Row row = Row.create(table, patch(Map.of("Name", "x")), Actor.admin(), now).row();
        Row.Updated ticked = row.update(table, patch(Map.of("Done", true)), Actor.admin(), now);
        ChangeEvent unticked = ticked.row().update(table, patch(Map.of("Done", false)), Actor.admin(), now)
                .event().orElseThrow();

        JsonNode tick = mapper.readTree(encoder.encode(ticked.event().orElseThrow(), 2)).get("data").get("row_data").get(0);
        JsonNode untick = mapper.readTree(encoder.encode(unticked, 3)).get("data").get("row_data").get(0);

        assertTrue(tick.get("value").asBoolean());
        assertTrue(tick.get("old_value").isBoolean() && !tick.get("old_value").asBoolean());
        assertTrue(untick.get("value").isBoolean() && !untick.get("value").asBoolean());
        assertTrue(untick.get("old_value").asBoolean());
    }

    @Test
    void numbersAreWrittenExactlyAndPlain() throws Exception {
        Row row = Row.create(table, patch(Map.of("Name", "n")), Actor.admin(), now).row();
        ChangeEvent event = row.update(table, new CellPatch(
                Map.of(column("Amount").key(), new CellValue.Number(new BigDecimal("1E+3"))), Set.<ColumnKey>of()),
                Actor.admin(), now).event().orElseThrow();

        String json = encoder.encode(event, 7);

        assertTrue(json.contains("\"value\":1000"), json);
    }

    @Test
    void pingCarriesTheBaseTheWebhookAndTheEventInSeaTablesShape() throws Exception {
        BaseId baseId = BaseId.random();
        WebhookId webhookId = WebhookId.random();
        EventId eventId = EventId.at(now);

        String json = encoder.encodePing(baseId, webhookId, eventId, now);

        assertEquals("{\"event\":\"ping\",\"data\":{\"dtable_uuid\":\"" + baseId.value() + "\",\"webhook_id\":\""
                + webhookId.value() + "\",\"op_type\":\"ping\",\"op_time\":1649929622.589,\"event_id\":\""
                + eventId.value() + "\"}}", json);
        JsonNode data = mapper.readTree(json).get("data");
        assertEquals(new BigDecimal("1649929622.589"), data.get("op_time").decimalValue());
    }

    @Test
    void pingTimeKeepsItsMillisecondsEvenWhenTheyAreZero() {
        String json = encoder.encodePing(BaseId.random(), WebhookId.random(), EventId.at(now),
                Instant.parse("2022-04-14T09:47:02Z"));

        assertTrue(json.contains("\"op_time\":1649929622.000"), json);
    }
}
