package io.basehook.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadersColumnTest {

    /** What Connector/J escapes in a string it inlines into a client-side prepared statement. */
    private static final String DRIVER_ESCAPES = "\u0000\n\r\u001a\"'\\";

    @Test
    void signedRequestHeadersAreStoredWithNothingTheDriverHasToEscape() {
        Map<String, String> headers = Map.of(
                "content-type", "application/json",
                "user-agent", "Basehook/1.0",
                "webhook-id", "msg_2f1c9a7e44b54c0f9d6a",
                "webhook-timestamp", "1764941234",
                "webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,bm9uZQ==",
                "X-SeaTable-Signature", "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

        String stored = HeadersColumn.write(headers);

        for (char escaped : DRIVER_ESCAPES.toCharArray()) {
            assertEquals(-1, stored.indexOf(escaped), "stored form holds " + (int) escaped);
        }
        assertEquals(headers, HeadersColumn.read(stored));
    }

    @Test
    void headersAreStoredSortedByNameAndReadBackInThatOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("b", "2");
        headers.put("a", "1");
        headers.put("c", "");

        Map<String, String> read = HeadersColumn.read(HeadersColumn.write(headers));

        assertEquals(List.of("a", "b", "c"), List.copyOf(read.keySet()));
        assertEquals("", read.get("c"));
    }

    @Test
    void noHeadersAtAllReadBackAsNone() {
        assertEquals("", HeadersColumn.write(Map.of()));
        assertEquals(Map.of(), HeadersColumn.read(""));
        assertEquals(Map.of(), HeadersColumn.read("{}"));
    }

    @Test
    void headersThatHoldASeparatorFallBackToJson() {
        Map<String, String> headers = Map.of("x-odd", "a\u001fb\u001ec", "etag", "\"v1\"");

        String stored = HeadersColumn.write(headers);

        assertTrue(stored.startsWith("{"), stored);
        assertEquals(headers, HeadersColumn.read(stored));
    }

    @Test
    void aNameThatStartsWithABraceFallsBackToJsonSoItIsNotReadAsJsonLater() {
        Map<String, String> headers = Map.of("{weird", "1");

        assertEquals(headers, HeadersColumn.read(HeadersColumn.write(headers)));
    }

    @Test
    void rowsWrittenAsJsonBeforeTheShortFormAreStillRead() {
        assertEquals(Map.of("Server", "nginx", "Content-Type", "text/plain; charset=\"utf-8\""),
                HeadersColumn.read("{\"Content-Type\":\"text/plain; charset=\\\"utf-8\\\"\",\"Server\":\"nginx\"}"));
    }

    @Test
    void aDamagedShortFormIsReportedNotGuessed() {
        assertThrows(IllegalStateException.class, () -> HeadersColumn.read("name-without-value"));
        assertThrows(IllegalStateException.class, () -> HeadersColumn.read("{not json"));
    }

    @Test
    void randomHeadersReadBackAsWritten() {
        String alphabet = "abcXYZ-_09 \t\"'\\;=,/{}\u001e\u001f\u00e9\u4e2d";
        for (long seed = 1; seed <= 2_000; seed++) {
            Random random = new Random(seed);
            Map<String, String> headers = new LinkedHashMap<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                headers.put(text(random, alphabet, 1 + random.nextInt(8)), text(random, alphabet, random.nextInt(12)));
            }
            String stored = HeadersColumn.write(headers);
            assertEquals(headers, HeadersColumn.read(stored), "seed " + seed + ": " + stored);
            boolean separators = headers.entrySet().stream().anyMatch(h -> (h.getKey() + h.getValue())
                    .chars().anyMatch(c -> c == 0x1e || c == 0x1f));
            assertFalse(separators && !stored.startsWith("{"), "seed " + seed + ": separators outside JSON");
        }
    }

    private static String text(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
