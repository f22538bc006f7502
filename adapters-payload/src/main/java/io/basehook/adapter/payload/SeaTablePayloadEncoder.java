package io.basehook.adapter.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.CellChange;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.SelectOption;
import io.basehook.domain.webhook.WebhookId;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Renders a change event in SeaTable's webhook format ({@code {"event":"update","data":{…}}}), so receivers
 * written for SeaTable work unchanged. Written with a streaming generator: the field order and the explicit
 * nulls ({@code old_value: null}) are part of the contract, and this runs once per event on the write path.
 */
@Singleton
public final class SeaTablePayloadEncoder implements EventPayloadEncoder {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @Override
    public String encode(ChangeEvent event, long seq) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event", "update");
            json.writeObjectFieldStart("data");
            json.writeStringField("dtable_uuid", event.baseId().value());
            json.writeStringField("row_id", event.rowId().value());
            json.writeStringField("op_user", event.opUser());
            json.writeStringField("op_type", event.type().wireName());
            json.writeFieldName("op_time");
            json.writeNumber(BigDecimal.valueOf(event.occurredAt().toEpochMilli(), 3));
            json.writeStringField("table_id", event.tableId().value());
            json.writeStringField("table_name", event.tableName());
            json.writeStringField("row_name", event.rowName());
            json.writeArrayFieldStart("row_data");
            boolean modify = event.type() == OpType.MODIFY_ROW;
            for (CellChange cell : event.cells()) {
                writeCell(json, cell, modify);
            }
            json.writeEndArray();
            json.writeStringField("op_app", event.opApp());
            json.writeStringField("event_id", event.id().value());
            json.writeNumberField("seq", seq);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** The test endpoint's event, shaped like the others so a receiver's parser needs no special case. */
    @Override
    public String encodePing(BaseId baseId, WebhookId webhookId, EventId eventId, Instant at) {
        StringWriter out = new StringWriter(192);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event", "ping");
            json.writeObjectFieldStart("data");
            json.writeStringField("dtable_uuid", baseId.value());
            json.writeStringField("webhook_id", webhookId.value());
            json.writeStringField("op_type", "ping");
            json.writeFieldName("op_time");
            json.writeNumber(BigDecimal.valueOf(at.toEpochMilli(), 3));
            json.writeStringField("event_id", eventId.value());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** In a modify_row an empty checkbox is an unticked one, so receivers see true/false as SeaTable sends. */
    private static void writeCell(JsonGenerator json, CellChange cell, boolean modify) throws IOException {
        Column column = cell.column();
        json.writeStartObject();
        json.writeStringField("column_key", column.key().value());
        json.writeStringField("column_name", column.name());
        json.writeStringField("column_type", column.type().wireName());
        json.writeFieldName("column_data");
        if (column.type().isSelect()) {
            json.writeStartObject();
            json.writeArrayFieldStart("options");
            for (SelectOption option : column.options()) {
                json.writeStartObject();
                json.writeStringField("id", option.id());
                json.writeStringField("name", option.name());
                json.writeStringField("color", option.color());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } else {
            json.writeNull();
        }
        boolean untickedMeansFalse = modify && column.type() == ColumnType.CHECKBOX;
        json.writeFieldName("value");
        writeValue(json, cell.value(), untickedMeansFalse);
        json.writeFieldName("old_value");
        writeValue(json, cell.oldValue(), untickedMeansFalse);
        json.writeEndObject();
    }

    /** Values as in the REST API, except select cells, which SeaTable sends as option ids. */
    private static void writeValue(JsonGenerator json, CellValue value, boolean emptyIsFalse) throws IOException {
        if (value == null && emptyIsFalse) {
            json.writeBoolean(false);
        } else if (value == null) {
            json.writeNull();
        } else if (value instanceof CellValue.Text text) {
            json.writeString(text.value());
        } else if (value instanceof CellValue.Number number) {
            json.writeNumber(number.value());
        } else if (value instanceof CellValue.Checkbox checkbox) {
            json.writeBoolean(checkbox.value());
        } else if (value instanceof CellValue.Date date) {
            json.writeString(date.value());
        } else if (value instanceof CellValue.Option option) {
            json.writeString(option.optionId());
        } else {
            json.writeStartArray();
            for (String id : ((CellValue.Options) value).optionIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
    }
}
