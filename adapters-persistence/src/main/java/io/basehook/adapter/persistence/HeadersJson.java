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

/** HTTP headers of a logged attempt as one flat JSON object of strings. */
final class HeadersJson {

    private static final JsonFactory JSON = new JsonFactory();

    private HeadersJson() {
    }

    static String write(Map<String, String> headers) {
        StringWriter out = new StringWriter(32 + headers.size() * 48);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            // sorted, so the log reads the same whatever map the sender used
            for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Map<String, String> read(String text) {
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
