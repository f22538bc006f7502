package io.basehook.testkit.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link EventPayloadEncoder}: the body of every kind of event, whatever text its cells and names hold, is one JSON
 * value that carries the event's id, its type, its base and its {@code seq} (as a JSON number, exactly, however
 * large); a ping's body is JSON that carries its event id and base. Where a format names them is the encoder's
 * own: the contract looks for the values anywhere in the body.
 */
public interface EventPayloadEncoderContract {

    Instant AT = Instant.parse("2026-11-27T14:30:05.123Z");

    EventPayloadEncoder encoder();

    /** How the body writes an event's type; the domain's wire name ({@code modify_row}) unless a format differs. */
    default String typeAsWritten(OpType type) {
        return type.wireName();
    }

    @Test
    default void everyKindOfEventIsJsonThatCarriesItsIdTypeBaseAndSeq() throws IOException {
        Table table = table("Deals");
        Row.Created created = Row.create(table, table.parseValues(Map.of("Name", "ACME", "Amount", 10, "Prio", "++",
                "Won", true), "", new ArrayList<>()), Actor.admin(), AT);
        ChangeEvent modified = created.row().update(table, table.parseValues(Map.of("Amount", 10.5, "Won", false),
                "", new ArrayList<>()), Actor.admin(), AT.plusSeconds(1)).event().orElseThrow();
        ChangeEvent deleted = created.row().delete(table, Actor.admin(), AT.plusSeconds(2));
        long seq = 41;
        for (ChangeEvent event : List.of(created.event(), modified, deleted)) {
            seq++;
            Scalars body = parse(encoder().encode(event, seq));

            assertTrue(body.strings.contains(event.id().value()), "the event id in " + body.text);
            assertTrue(body.strings.contains(typeAsWritten(event.type())), "the type in " + body.text);
            assertTrue(body.strings.contains(event.baseId().value()), "the base in " + body.text);
            assertTrue(body.integers.contains(BigInteger.valueOf(seq)), "the seq as a number in " + body.text);
        }
    }

    @Test
    default void textThatNeedsEscapingLeavesTheBodyValidJson() throws IOException {
        String awkward = "Grüße \"quoted\" \\ back\nslash\ttab \u0001 \u2028 👋 </script> {\"x\":1}";
        Table table = table("Deals \"Q3\" \\ </script> 👋");
        ChangeEvent event = Row.create(table, table.parseValues(Map.of("Name", awkward), "", new ArrayList<>()),
                Actor.admin(), AT).event();

        Scalars body = parse(encoder().encode(event, 7));

        assertTrue(body.strings.contains(event.id().value()), body.text);
        assertTrue(body.strings.stream().noneMatch(text -> text.contains("\uFFFD")), "no character was lost");
    }

    @Test
    default void aSeqBeyondTheRangeOfAnIntIsCarriedExactly() throws IOException {
        Table table = table("Deals");
        ChangeEvent event = Row.create(table, table.parseValues(Map.of("Name", "ACME"), "", new ArrayList<>()),
                Actor.admin(), AT).event();
        long seq = 5_000_000_123L;

        Scalars body = parse(encoder().encode(event, seq));

        assertTrue(body.integers.contains(BigInteger.valueOf(seq)), body.text);
    }

    @Test
    default void aPingIsJsonThatCarriesItsEventIdAndBase() throws IOException {
        BaseId baseId = BaseId.random();
        EventId eventId = EventId.at(AT);

        Scalars body = parse(encoder().encodePing(baseId, WebhookId.random(), eventId, AT));

        assertTrue(body.strings.contains(eventId.value()), body.text);
        assertTrue(body.strings.contains(baseId.value()), body.text);
    }

    /** A table with a column of several kinds, so an event's cells hold text, a number, a select and a checkbox. */
    private static Table table(String name) {
        return Table.create(BaseId.random(), name, List.of(
                new ColumnSpec("Name", ColumnType.TEXT, List.of()),
                new ColumnSpec("Amount", ColumnType.NUMBER, List.of()),
                new ColumnSpec("Prio", ColumnType.SINGLE_SELECT, List.of(new OptionSpec("381992", "++", "#F4667C"))),
                new ColumnSpec("Won", ColumnType.CHECKBOX, List.of())), Set.of(), 500, AT);
    }

    /** The body's string values (names too) and integer values; fails unless it is exactly one JSON value. */
    private static Scalars parse(String text) throws IOException {
        Scalars scalars = new Scalars(text);
        try (JsonParser json = new JsonFactory().createParser(text)) {
            JsonToken token = json.nextToken();
            if (token == null) {
                fail("an empty body");
            }
            int depth = 0;
            while (token != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> scalars.strings.add(json.getText());
                    case VALUE_NUMBER_INT -> scalars.integers.add(json.getBigIntegerValue());
                    default -> {
                    }
                }
                // a value cut short ends the parser with an exception, so depth 0 means one whole value was read
                token = depth == 0 ? null : json.nextToken();
            }
            if (json.nextToken() != null) {
                fail("more than one JSON value: " + text);
            }
        } catch (JsonParseException e) {
            fail("not JSON: " + text, e);
        }
        return scalars;
    }

    /** What a parsed body held. */
    final class Scalars {
        private final String text;
        private final Set<String> strings = new HashSet<>();
        private final Set<BigInteger> integers = new HashSet<>();

        private Scalars(String text) {
            this.text = text;
        }
    }
}
