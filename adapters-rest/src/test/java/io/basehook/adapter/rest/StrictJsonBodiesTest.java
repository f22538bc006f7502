package io.basehook.adapter.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;

/** Every JSON body is read strictly: a wrong type, a repeated key, a lone surrogate or an unknown member is a 400 naming the field. */
@MicronautTest
class StrictJsonBodiesTest extends ApiTestSupport {

    static final String BASES = "/api/v1/bases";
    static final String BASE = BASES + "/" + BASE_ID;
    static final String TOKENS = BASE + "/api-tokens";
    static final String TABLES = BASE + "/tables";
    static final String TABLE = TABLES + "/9g8f";
    static final String COLUMNS = TABLE + "/columns";
    static final String COLUMN = COLUMNS + "/0000";
    static final String ROWS = TABLE + "/rows";
    static final String ROW = ROWS + "/QoNno3QiTF26sxmG1sl3_g";
    static final String WEBHOOKS = BASE + "/webhooks";
    static final String WEBHOOK = WEBHOOKS + "/wh1";
    /** Words of the libraries underneath that a message must never quote. */
    static final List<String> LIBRARY_WORDS = List.of("JsonReadFeature", "StreamReadFeature", "VALUE_STRING", "START_ARRAY",
            "START_OBJECT", "VALUE_NUMBER", "For input string", "Failed to convert argument", "com.fasterxml", "io.micronaut",
            "io.basehook", "java.", "Exception", "Jackson", "Serde", "JsonToken", "Required argument", "Unexpected token");

    @Test
    void aBaseNameMustBeAString() {
        assertRefused(post(BASES, "{\"name\":123}"), "name");
        assertRefused(post(BASES, "{\"name\":[\"a\"]}"), "name");
        assertRefused(post(BASES, "{\"name\":true}"), "name");
        assertRefused(post(BASES, "{\"name\":{\"first\":\"CRM\"}}"), "name");
        verifyNoInteractions(createBase);
    }

    @Test
    void anApiTokenNeedsAStringNameAndPermission() {
        assertRefused(post(TOKENS, "{\"name\":false,\"permission\":\"read-only\"}"), "name");
        assertRefused(post(TOKENS, "{\"name\":\"ci\",\"permission\":[\"read-write\"]}"), "permission");
        assertRefused(post(TOKENS, "{\"name\":\"ci\",\"permission\":1}"), "permission");
        verifyNoInteractions(createApiToken);
    }

    @Test
    void aRepeatedKeyIsRefusedInEveryBody() {
        assertRefused(post(TOKENS, "{\"name\":\"ci\",\"permission\":\"read-only\",\"permission\":\"read-write\"}"),
                "permission", "duplicate_key");
        assertRefused(post(BASES, "{\"name\":\"a\",\"name\":\"b\"}"), "name", "duplicate_key");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\",\"type\":\"number\"}]}"),
                "columns[0].type", "duplicate_key");
        assertRefused(post(ROWS, "{\"rows\":[{\"Name\":\"a\"},{\"Name\":\"a\",\"Name\":\"b\"}]}"), "rows[1].Name",
                "duplicate_key");
        assertRefused(patch(ROW, "{\"values\":{\"Name\":\"a\"},\"values\":{\"Name\":\"b\"}}"), "values", "duplicate_key");
        assertRefused(post(WEBHOOKS, "{\"url\":\"https://a.example\",\"url\":\"https://b.example\"}"), "url",
                "duplicate_key");
        verifyNoInteractions(createApiToken, createBase, createTable, insertRows, updateRows, createWebhook);
    }

    @Test
    void aLoneSurrogateIsRefusedInValuesAndKeys() {
        assertRefused(post(BASES, "{\"name\":\"a\\ud800b\"}"), "name", "invalid_unicode");
        assertRefused(post(TOKENS, "{\"name\":\"x\\udc00\",\"permission\":\"read-only\"}"), "name", "invalid_unicode");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\"},{\"n\\ud800\":1}]}"),
                "columns[1]", "invalid_unicode");
        assertRefused(post(ROWS, "{\"rows\":[{\"Name\":\"\\ud83d\"}]}"), "rows[0].Name", "invalid_unicode");
        assertRefused(post(ROWS, "{\"rows\":[{\"Na\\udfffme\":\"x\"}]}"), "rows[0]", "invalid_unicode");
        assertRefused(patch(WEBHOOK, "{\"description\":\"\\ude00 tail\"}"), "description", "invalid_unicode");
        verifyNoInteractions(createBase, createApiToken, createTable, insertRows, updateWebhook);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        byte[] invalid = {'{', '"', 'r', 'o', 'w', 's', '"', ':', '[', '{', '"', 'N', 'a', 'm', 'e', '"', ':', '"', 'a',
                (byte) 0xff, 'b', '"', '}', ']', '}'};
        // U+D800 written out in UTF-8 (ED A0 80): well-formed bytes for a code point that is not a character
        byte[] encodedSurrogate = {'{', '"', 'r', 'o', 'w', 's', '"', ':', '[', '{', '"', 'N', 'a', 'm', 'e', '"', ':', '"',
                (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}', ']', '}'};

        Reply notUtf8 = sendBytes("POST", ROWS, invalid);
        Reply surrogate = sendBytes("POST", ROWS, encodedSurrogate);
        Reply baseNotUtf8 = sendBytes("POST", BASES, "{\"name\":\"a\u00ffb\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(400, notUtf8.status(), notUtf8.body());
        assertEquals("malformed_json", notUtf8.json().get("code"));
        assertTrue(((String) notUtf8.json().get("detail")).contains("UTF-8"), notUtf8.body());
        assertRefused(surrogate, "rows[0].Name", "invalid_unicode");
        assertEquals(400, baseNotUtf8.status(), baseNotUtf8.body());
        assertOwnWords(baseNotUtf8);
        verifyNoInteractions(insertRows, createBase);
    }

    private Reply sendBytes(String method, String path, byte[] body) {
        return send(HttpRequest.newBuilder(server.getURI().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void aPairedSurrogateIsText() {
        when_createBaseAnswersNothing();
        Reply reply = post(BASES, "{\"name\":\"CRM \\ud83d\\ude00\"}");

        assertEquals(404, reply.status(), reply.body());
    }

    @Test
    void nestedTableFieldsAreNamedByTheirPath() {
        assertRefused(post(TABLES, """
                {"name":"T","columns":[{"name":"A","type":"text"},{"name":"B","type":"number"},
                 {"name":"C","type":"single-select","options":[{"name":7}]}]}"""), "columns[2].options[0].name");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":\"A\"}"), "columns");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":[\"A\"]}"), "columns[0]");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\",\"options\":{}}]}"),
                "columns[0].options");
        assertRefused(patch(TABLE, "{\"name\":42}"), "name");
        assertRefused(post(COLUMNS, "{\"name\":\"A\",\"type\":[\"text\"]}"), "type");
        assertRefused(patch(COLUMN, "{\"options\":[{\"id\":1,\"name\":\"a\"}]}"), "options[0].id");
        assertRefused(patch(COLUMN, "{\"name\":null,\"type\":false}"), "type");
        assertRefused(delete(ROWS, "{\"ids\":[\"QoNno3QiTF26sxmG1sl3_g\",5]}"), "ids[1]");
        assertRefused(delete(ROWS, "{\"ids\":\"QoNno3QiTF26sxmG1sl3_g\"}"), "ids");
        verifyNoInteractions(createTable, renameTable, addColumn, changeColumn, deleteRows);
    }

    @Test
    void anUnknownMemberIsRefusedNamingIt() {
        assertRefused(post(BASES, "{\"name\":\"CRM\",\"nmae\":\"x\"}"), "nmae", "unknown_field");
        assertRefused(post(TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\",\"colour\":1}]}"),
                "columns[0].colour", "unknown_field");
        assertRefused(patch(WEBHOOK, "{\"secret\":\"whsec_abcdefghijklmnopqrstuvwxyz\"}"), "secret", "unknown_field");
        assertRefused(post(WEBHOOKS, "{\"url\":\"https://a.example\",\"filter\":{\"tables\":[]}}"), "filter",
                "unknown_field");
        assertRefused(post(ROWS, "{\"rows\":[],\"keys\":true}"), "keys", "unknown_field");
        assertRefused(patch(ROWS, "{\"updates\":[{\"id\":\"QoNno3QiTF26sxmG1sl3_g\",\"values\":{},\"valeus\":{}}]}"),
                "updates[0].valeus", "unknown_field");
        verifyNoInteractions(createBase, createTable, updateWebhook, createWebhook, insertRows, updateRows);
    }

    @Test
    void malformedJsonIsDescribedInTheProductsWords() {
        for (String body : List.of("{\"name\":NaN}", "{\"name\":Infinity}", "{\"name\": ", "{'name':'x'}", "{\"name\":tru}",
                "{\"name\":\"a\"} {}", "[\"name\"]", "\"name\"", "{\"name\":\"a\u0001\"}", "{\"name\":1e999999999}")) {
            Reply bases = post(BASES, body);
            Reply rows = post(ROWS, body.replace("name", "rows"));

            for (Reply reply : List.of(bases, rows)) {
                assertEquals(400, reply.status(), body + " -> " + reply.body());
                assertEquals("application/problem+json", reply.contentType());
                assertOwnWords(reply);
            }
        }
    }

    @Test
    void aQueryValueOfTheWrongTypeIsA400NamingIt() {
        for (String path : List.of(ROWS + "?limit=abc", BASE + "/events?after=x", BASE + "/events?limit=1.5",
                WEBHOOK + "/deliveries?limit=many")) {
            Reply reply = get(path);

            assertEquals(400, reply.status(), path + " -> " + reply.body());
            String field = path.substring(path.indexOf('?') + 1, path.indexOf('='));
            assertEquals(field, Reply.at(reply.json().get("errors"), 0).get("field"), reply.body());
            assertTrue(((String) reply.json().get("detail")).contains("whole number"), reply.body());
            assertOwnWords(reply);
        }
    }

    private void when_createBaseAnswersNothing() {
        org.mockito.Mockito.when(createBase.createBase(org.mockito.ArgumentMatchers.any()))
                .thenThrow(io.basehook.domain.shared.BasehookException.notFound("stub", "read, then stopped here"));
    }

    static void assertRefused(Reply reply, String field) {
        assertRefused(reply, field, null);
    }

    static void assertRefused(Reply reply, String field, String code) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.contentType());
        Map<String, Object> problem = reply.json();
        assertEquals(field, Reply.at(problem.get("errors"), 0).get("field"), reply.body());
        if (code != null) {
            assertEquals(code, problem.get("code"), reply.body());
        }
        assertOwnWords(reply);
    }

    static void assertOwnWords(Reply reply) {
        for (String word : LIBRARY_WORDS) {
            assertFalse(reply.body().contains(word), "quotes " + word + ": " + reply.body());
        }
    }
}
