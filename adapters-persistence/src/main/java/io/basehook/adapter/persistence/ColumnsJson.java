package io.basehook.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.SelectOption;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's columns as stored in {@code bh_table.columns}: a JSON array, in column order, of
 * {@code {key, name, type, options: [{id, name, color}]}} ({@code options} only for select types).
 */
final class ColumnsJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ColumnsJson() {
    }

    static String write(List<Column> columns) {
        StringWriter out = new StringWriter(64 * columns.size() + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Column column : columns) {
                json.writeStartObject();
                json.writeStringField("key", column.key().value());
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type().wireName());
                if (column.type().isSelect()) {
                    json.writeArrayFieldStart("options");
                    for (SelectOption option : column.options()) {
                        json.writeStartObject();
                        json.writeStringField("id", option.id());
                        json.writeStringField("name", option.name());
                        json.writeStringField("color", option.color());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<Column> read(String text) {
        List<Column> columns = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                columns.add(readColumn(json));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored columns are not valid JSON", e);
        }
        return columns;
    }

    private static Column readColumn(JsonParser json) throws IOException {
        String key = null;
        String name = null;
        String type = null;
        List<SelectOption> options = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "key" -> key = json.getText();
                case "name" -> name = json.getText();
                case "type" -> type = json.getText();
                case "options" -> {
                    expect(value, JsonToken.START_ARRAY);
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        options.add(readOption(json));
                    }
                }
                // a field written by a later version is skipped, not fatal
                default -> json.skipChildren();
            }
        }
        return new Column(new ColumnKey(key), name, ColumnType.fromWireName(type, "type"), options);
    }

    private static SelectOption readOption(JsonParser json) throws IOException {
        String id = null;
        String name = null;
        String color = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "id" -> id = json.getText();
                case "name" -> name = json.getText();
                case "color" -> color = json.getText();
                default -> json.skipChildren();
            }
        }
        return new SelectOption(id, name, color);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("stored columns: expected " + expected + " but found " + actual);
        }
    }
}
