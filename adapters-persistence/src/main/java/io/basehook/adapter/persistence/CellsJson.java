package io.basehook.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.table.ColumnKey;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row's cells as stored in {@code bh_row.cells}: a JSON object by column key whose values describe their
 * own kind (string, number, boolean, {@code {"d":…}}, {@code {"o":…}}, {@code {"m":[…]}}), so reading needs
 * no table definition. Numbers go through {@link java.math.BigDecimal} only, never {@code double}.
 */
final class CellsJson {

    private static final JsonFactory JSON = new JsonFactory();

    private CellsJson() {
    }

    static String write(Map<ColumnKey, CellValue> cells) {
        StringWriter out = new StringWriter(64 + cells.size() * 24);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            // a stable key order keeps equal rows byte-equal
            List<Map.Entry<ColumnKey, CellValue>> entries = new ArrayList<>(cells.entrySet());
            entries.sort(Comparator.comparing(entry -> entry.getKey().value()));
            for (Map.Entry<ColumnKey, CellValue> entry : entries) {
                json.writeFieldName(entry.getKey().value());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Map<ColumnKey, CellValue> read(String text) {
        Map<ColumnKey, CellValue> cells = new HashMap<>();
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                ColumnKey key = new ColumnKey(json.currentName());
                cells.put(key, readValue(json, json.nextToken()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored cells are not valid JSON", e);
        }
        return cells;
    }

    private static void writeValue(JsonGenerator json, CellValue value) throws IOException {
        if (value instanceof CellValue.Text text) {
            json.writeString(text.value());
        } else if (value instanceof CellValue.Number number) {
            json.writeNumber(number.value());
        } else if (value instanceof CellValue.Checkbox checkbox) {
            json.writeBoolean(checkbox.value());
        } else if (value instanceof CellValue.Date date) {
            json.writeStartObject();
            json.writeStringField("d", date.value());
            json.writeEndObject();
        } else if (value instanceof CellValue.Option option) {
            json.writeStartObject();
            json.writeStringField("o", option.optionId());
            json.writeEndObject();
        } else if (value instanceof CellValue.Options options) {
            json.writeStartObject();
            json.writeArrayFieldStart("m");
            for (String id : options.optionIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("unknown cell value " + value);
        }
    }

    private static CellValue readValue(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new CellValue.Text(json.getText());
            // parsed from the digits themselves, so 0.1 stays exactly 0.1
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new CellValue.Number(json.getDecimalValue());
            case VALUE_TRUE -> new CellValue.Checkbox(true);
            case VALUE_FALSE -> new CellValue.Checkbox(false);
            case START_OBJECT -> readTagged(json);
            default -> throw new IllegalStateException("unexpected stored cell " + token);
        };
    }

    private static CellValue readTagged(JsonParser json) throws IOException {
        expect(json.nextToken(), JsonToken.FIELD_NAME);
        String tag = json.currentName();
        CellValue value = switch (tag) {
            case "d" -> new CellValue.Date(nextString(json));
            case "o" -> new CellValue.Option(nextString(json));
            case "m" -> {
                expect(json.nextToken(), JsonToken.START_ARRAY);
                List<String> ids = new ArrayList<>();
                JsonToken token;
                while ((token = json.nextToken()) == JsonToken.VALUE_STRING) {
                    ids.add(json.getText());
                }
                expect(token, JsonToken.END_ARRAY);
                yield new CellValue.Options(ids);
            }
            default -> throw new IllegalStateException("unknown stored cell tag " + tag);
        };
        expect(json.nextToken(), JsonToken.END_OBJECT);
        return value;
    }

    private static String nextString(JsonParser json) throws IOException {
        expect(json.nextToken(), JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("stored cells: expected " + expected + " but found " + actual);
        }
    }
}
