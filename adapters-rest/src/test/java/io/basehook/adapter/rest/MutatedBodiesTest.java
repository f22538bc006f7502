package io.basehook.adapter.rest;

import io.basehook.domain.shared.BasehookException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/**
 * Seeded random mutations of every JSON body (wrong types, repeated and unknown keys, lone surrogates, broken syntax,
 * invalid UTF-8) must be answered 2xx or 4xx problem+json in Basehook's own words, never 500. The use cases answer a
 * stub 404, so a body that is read at all ends there.
 */
@MicronautTest
class MutatedBodiesTest extends ApiTestSupport {

    /** Fixed, so a failure repeats; -Dbasehook.mutation-seed=n explores others. */
    private static final long SEED = Long.getLong("basehook.mutation-seed", 2026_22_6L);
    private static final int MUTATIONS_PER_BODY = 60;

    /** Method, path and a valid body for every endpoint that takes JSON. */
    private static final List<String[]> BODIES = List.of(
            new String[] {"POST", StrictJsonBodiesTest.BASES, "{\"name\":\"CRM\"}"},
            new String[] {"POST", StrictJsonBodiesTest.TOKENS, "{\"name\":\"ci\",\"permission\":\"read-only\"}"},
            new String[] {"POST", StrictJsonBodiesTest.TABLES, "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"text\"},"
                    + "{\"name\":\"S\",\"type\":\"single-select\",\"options\":[{\"name\":\"a\",\"color\":\"red\"}]}]}"},
            new String[] {"PATCH", StrictJsonBodiesTest.TABLE, "{\"name\":\"T2\"}"},
            new String[] {"POST", StrictJsonBodiesTest.COLUMNS, "{\"name\":\"A\",\"type\":\"text\",\"options\":[]}"},
            new String[] {"PATCH", StrictJsonBodiesTest.COLUMN,
                    "{\"name\":\"B\",\"type\":\"single-select\",\"options\":[{\"id\":\"x1\",\"name\":\"a\"}]}"},
            new String[] {"POST", StrictJsonBodiesTest.ROWS,
                    "{\"rows\":[{\"Name\":\"x\",\"Price\":0.1,\"Done\":true,\"Tags\":[\"a\"],\"Prio\":null}]}"},
            new String[] {"PATCH", StrictJsonBodiesTest.ROW, "{\"values\":{\"Name\":\"y\",\"Price\":2}}"},
            new String[] {"PATCH", StrictJsonBodiesTest.ROWS,
                    "{\"updates\":[{\"id\":\"QoNno3QiTF26sxmG1sl3_g\",\"values\":{\"Name\":\"z\"}}]}"},
            new String[] {"DELETE", StrictJsonBodiesTest.ROWS, "{\"ids\":[\"QoNno3QiTF26sxmG1sl3_g\"]}"},
            new String[] {"POST", StrictJsonBodiesTest.WEBHOOKS, "{\"url\":\"https://example.com/hook\","
                    + "\"secret\":\"0123456789abcdefghij\",\"description\":\"d\",\"enabled\":true}"},
            new String[] {"PATCH", StrictJsonBodiesTest.WEBHOOK,
                    "{\"url\":\"https://example.com/h2\",\"description\":null,\"enabled\":false}"});

    @BeforeEach
    void everyUseCaseStopsAtAStub() {
        BasehookException stub = BasehookException.notFound("stub", "the body was read");
        when(createBase.createBase(any())).thenThrow(stub);
        when(createApiToken.createApiToken(any())).thenThrow(stub);
        when(createTable.createTable(any())).thenThrow(stub);
        when(renameTable.renameTable(any())).thenThrow(stub);
        when(addColumn.addColumn(any())).thenThrow(stub);
        when(changeColumn.changeColumn(any())).thenThrow(stub);
        when(insertRows.insertRows(any())).thenThrow(stub);
        when(updateRows.updateRows(any())).thenThrow(stub);
        when(deleteRows.deleteRows(any())).thenThrow(stub);
        when(createWebhook.createWebhook(any())).thenThrow(stub);
        when(updateWebhook.updateWebhook(any())).thenThrow(stub);
    }

    @Test
    void mutatedBodiesAreAnsweredWithoutA500AndInTheProductsWords() {
        Random random = new Random(SEED);
        int refused = 0;
        for (String[] endpoint : BODIES) {
            for (int i = 0; i < MUTATIONS_PER_BODY; i++) {
                byte[] body = mutate(endpoint[2], random);
                Reply reply = send(HttpRequest.newBuilder(server.getURI().resolve(URI.create(endpoint[1])))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body)));
                String what = endpoint[0] + " " + endpoint[1] + " " + new String(body, StandardCharsets.UTF_8)
                        + " (seed " + SEED + ") -> " + reply.status() + " " + reply.body();

                assertTrue(reply.status() >= 200 && reply.status() < 500, what);
                if (reply.status() >= 400) {
                    assertEquals("application/problem+json", reply.contentType(), what);
                    Map<String, Object> problem = reply.json();
                    assertNotNull(problem.get("code"), what);
                    assertNotNull(problem.get("detail"), what);
                    for (String word : StrictJsonBodiesTest.LIBRARY_WORDS) {
                        assertFalse(reply.body().contains(word), "quotes " + word + ": " + what);
                    }
                    refused += reply.status() == 400 ? 1 : 0;
                }
            }
        }
        assertTrue(refused > BODIES.size() * MUTATIONS_PER_BODY / 2, "most mutations must be refused: " + refused);
    }

    /** One random change to a valid body: in its JSON tree, in its text, or in its bytes. */
    static byte[] mutate(String valid, Random random) {
        Object tree = Tree.of(io.basehook.adapter.rest.dto.ExactJson.parse(valid));
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> Tree.write(Tree.replaceSomeValue(tree, random, randomValue(random, 2))).getBytes(StandardCharsets.UTF_8);
            case 3 -> Tree.write(Tree.duplicateSomeMember(tree, random)).getBytes(StandardCharsets.UTF_8);
            case 4 -> Tree.write(Tree.addUnknownMember(tree, random)).getBytes(StandardCharsets.UTF_8);
            case 5 -> Tree.write(Tree.replaceSomeValue(tree, random, loneSurrogateText(random))).getBytes(StandardCharsets.UTF_8);
            case 6 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            case 7 -> insertAt(valid, random, List.of("NaN", "Infinity", "'", ",", "}", "]", "{", "[", ":", "tru", "\u0001",
                    "1e99999999999", "-", "/*", "\\", "\"").get(random.nextInt(16))).getBytes(StandardCharsets.UTF_8);
            case 8 -> invalidUtf8(valid, random);
            default -> Tree.write(Tree.replaceSomeValue(tree, random, randomValue(random, 0))).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String insertAt(String text, Random random, String inserted) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static byte[] invalidUtf8(String valid, Random random) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xff, (byte) 0xc3, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf8};
        int at = random.nextInt(bytes.length);
        int length = 1 + random.nextInt(3);
        byte[] mutated = new byte[bytes.length + length];
        System.arraycopy(bytes, 0, mutated, 0, at);
        for (int i = 0; i < length; i++) {
            mutated[at + i] = bad[random.nextInt(bad.length)];
        }
        System.arraycopy(bytes, at, mutated, at + length, bytes.length - at);
        return mutated;
    }

    private static String loneSurrogateText(Random random) {
        char surrogate = (char) (0xd800 + random.nextInt(0x800));
        return "a" + surrogate + "b";
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 9)) {
            case 0 -> random.nextInt(2000) - 1000;
            case 1 -> new java.math.BigDecimal(random.nextDouble() * 1000).setScale(3, java.math.RoundingMode.HALF_UP);
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> "";
            case 5 -> "text " + random.nextInt(100);
            case 6 -> new java.math.BigInteger("123456789012345678901234567890");
            case 7 -> "x".repeat(random.nextInt(300));
            case 8 -> List.of("read-write", "text", "QoNno3QiTF26sxmG1sl3_g", "https://example.com").get(random.nextInt(4));
            case 9 -> new ArrayList<>(java.util.Arrays.asList(randomValue(random, depth - 1), randomValue(random, depth - 1)));
            default -> new Tree.JsonObject(new ArrayList<>(List.of(new Tree.Member("k", randomValue(random, depth - 1)))));
        };
    }

    /** A JSON tree that, unlike a Map, can hold a repeated key, and a writer that escapes every surrogate. */
    static final class Tree {

        record Member(String key, Object value) {
        }

        record JsonObject(List<Member> members) {
        }

        static Object of(Object parsed) {
            if (parsed instanceof Map<?, ?> map) {
                List<Member> members = new ArrayList<>();
                map.forEach((key, value) -> members.add(new Member((String) key, of(value))));
                return new JsonObject(members);
            }
            if (parsed instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(item -> copy.add(of(item)));
                return copy;
            }
            return parsed;
        }

        /** Every object and array in the tree, the root first. */
        static List<Object> containers(Object node) {
            List<Object> found = new ArrayList<>();
            if (node instanceof JsonObject object) {
                found.add(object);
                object.members().forEach(member -> found.addAll(containers(member.value())));
            } else if (node instanceof List<?> list) {
                found.add(list);
                list.forEach(item -> found.addAll(containers(item)));
            }
            return found;
        }

        @SuppressWarnings("unchecked")
        static Object replaceSomeValue(Object root, Random random, Object value) {
            List<Object> containers = containers(root);
            Object container = containers.get(random.nextInt(containers.size()));
            if (container instanceof JsonObject object && !object.members().isEmpty()) {
                int at = random.nextInt(object.members().size());
                object.members().set(at, new Member(object.members().get(at).key(), value));
            } else if (container instanceof List<?> list && !list.isEmpty()) {
                ((List<Object>) list).set(random.nextInt(list.size()), value);
            }
            return root;
        }

        static Object duplicateSomeMember(Object root, Random random) {
            List<JsonObject> objects = containers(root).stream().filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast).filter(object -> !object.members().isEmpty()).toList();
            JsonObject object = objects.get(random.nextInt(objects.size()));
            Member member = object.members().get(random.nextInt(object.members().size()));
            object.members().add(random.nextInt(object.members().size() + 1), member);
            return root;
        }

        static Object addUnknownMember(Object root, Random random) {
            List<JsonObject> objects = containers(root).stream().filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast).toList();
            objects.get(random.nextInt(objects.size())).members().add(new Member("extra" + random.nextInt(9), 1));
            return root;
        }

        static String write(Object node) {
            StringBuilder out = new StringBuilder();
            write(node, out);
            return out.toString();
        }

        private static void write(Object node, StringBuilder out) {
            if (node instanceof JsonObject object) {
                out.append('{');
                for (int i = 0; i < object.members().size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    string(object.members().get(i).key(), out);
                    out.append(':');
                    write(object.members().get(i).value(), out);
                }
                out.append('}');
            } else if (node instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else if (node instanceof String text) {
                string(text, out);
            } else {
                out.append(node);
            }
        }

        private static void string(String text, StringBuilder out) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
