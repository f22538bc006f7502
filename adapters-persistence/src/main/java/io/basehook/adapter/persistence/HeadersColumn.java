package io.basehook.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP headers of a logged attempt, as stored in one text column.
 *
 * <p>Written as {@code name US value RS name US value}, with the ASCII unit and record separators (0x1F, 0x1E):
 * HTTP allows neither in a header's name or value, and neither is among the characters Connector/J escapes when
 * it inlines a string into a client-side prepared statement (NUL, LF, CR, SUB, quotes, backslash). JSON, which
 * this column held before, always has quotes, so every attempt's headers took the driver's character-by-character
 * escaping path: about a tenth of the service's CPU under a fan-out load. Headers that do hold a separator (only
 * a receiver that breaks HTTP could send one) are written as a JSON object of strings, as before. A stored value
 * that starts with an opening brace is JSON (rows written before this format, or that fallback): no header name
 * can start with one, as it is not a token character.
 */
final class HeadersColumn {

    private static final JsonFactory JSON = new JsonFactory();
    private static final char UNIT = '\u001f';
    private static final char RECORD = '\u001e';

    private HeadersColumn() {
    }

    static String write(Map<String, String> headers) {
        // sorted, so the log reads the same whatever map the sender used
        Map<String, String> sorted = new TreeMap<>(headers);
        if (!separable(sorted)) {
            return json(sorted);
        }
        StringBuilder out = new StringBuilder(headers.size() * 48);
        for (Map.Entry<String, String> header : sorted.entrySet()) {
            if (!out.isEmpty()) {
                out.append(RECORD);
            }
            out.append(header.getKey()).append(UNIT).append(header.getValue());
        }
        return out.toString();
    }

    static Map<String, String> read(String text) {
        if (text.startsWith("{")) {
            return fromJson(text);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(RECORD, start);
            if (end < 0) {
                end = text.length();
            }
            int unit = text.indexOf(UNIT, start);
            if (unit < 0 || unit > end) {
                throw new IllegalStateException("stored header without a value: " + text.substring(start, end));
            }
            headers.put(text.substring(start, unit), text.substring(unit + 1, end));
            start = end + 1;
        }
        return headers;
    }

    /** Whether the short form can hold these headers and be told apart from JSON when read back. */
    private static boolean separable(Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.isEmpty() || name.startsWith("{") || hasSeparator(name) || hasSeparator(header.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSeparator(String text) {
        return text.indexOf(UNIT) >= 0 || text.indexOf(RECORD) >= 0;
    }

    private static String json(Map<String, String> headers) {
        StringWriter out = new StringWriter(32 + headers.size() * 48);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> fromJson(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored headers are not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                headers.put(name, json.getText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored headers are not valid JSON", e);
        }
        return headers;
    }
}
