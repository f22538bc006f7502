package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to plain Java (Map, List, String, Boolean, null, and numbers as Integer/Long/BigInteger or an exact
 * BigDecimal). Serde's own tree reads decimals as doubles, which would turn 0.1 into an approximation.
 */
public final class ExactJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ExactJson() {
    }

    /**
     * @throws IllegalArgumentException when the text is not one JSON value, with a message fit for the client
     */
    public static Object parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            // the last of two equal keys would silently win, so refuse them
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("the body holds no JSON value");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the body holds more than one JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's complaint for a client: the reason and where, without Jackson's source dump. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return "malformed JSON: " + e.getOriginalMessage()
                + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    object.put(key, read(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        };
    }
}
