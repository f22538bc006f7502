package io.basehook.testkit.contract;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChangeEventOutbox}: each base numbers its events on its own, from 1, with no gap, also when several bases
 * reserve at once; events read back equal, in {@code seq} order after a given {@code seq}, bounded by a count and by
 * their payloads' UTF-8 bytes, the read ending with the event that passes the budget. That a rollback gives the numbers
 * back is {@link TransactionRunnerContract}'s.
 */
public interface ChangeEventOutboxContract extends StoreFixture {

    @Test
    default void eachBaseNumbersItsEventsOnItsOwnFromOneWithoutGaps() {
        BaseId base = newBase().id();
        BaseId other = newBase().id();

        long first = inLockedBase(base, () -> outbox().reserveSeqs(base, 3));
        long ofOther = inLockedBase(other, () -> outbox().reserveSeqs(other, 1));
        long next = inLockedBase(base, () -> outbox().reserveSeqs(base, 2));

        assertEquals(1, first);
        assertEquals(1, ofOther);
        assertEquals(4, next);
        assertEquals(5, outbox().lastSeq(base));
        assertEquals(1, outbox().lastSeq(other));
    }

    @Test
    default void severalBasesReserveAtOnceEachFromItsOwnLastSeq() {
        BaseId busy = newBase().id();
        BaseId fresh = newBase().id();
        BaseId alone = newBase().id();
        inLockedBase(busy, () -> outbox().reserveSeqs(busy, 4));

        Map<BaseId, Long> firsts = transactions().inTransaction(() -> {
            assertEquals(2, bases().lockAvailable(List.of(busy, fresh)).size());
            return outbox().reserveSeqs(Map.of(busy, 3, fresh, 2));
        });
        Map<BaseId, Long> single = inLockedBase(alone, () -> outbox().reserveSeqs(Map.of(alone, 2)));

        assertEquals(Map.of(busy, 5L, fresh, 1L), firsts);
        assertEquals(7, outbox().lastSeq(busy));
        assertEquals(2, outbox().lastSeq(fresh));
        assertEquals(Map.of(alone, 1L), single);
        assertEquals(2, outbox().lastSeq(alone));
    }

    @Test
    default void aCountBelowOneReservesNothingForAnyBase() {
        BaseId base = newBase().id();
        BaseId other = newBase().id();
        inLockedBase(base, () -> outbox().reserveSeqs(base, 1));

        assertThrows(IllegalArgumentException.class, () -> inLockedBase(base, () -> outbox().reserveSeqs(base, 0)));
        assertThrows(IllegalArgumentException.class, () -> transactions().inTransaction(() -> {
            bases().lockAvailable(List.of(base, other));
            return outbox().reserveSeqs(Map.of(base, 1, other, 0));
        }));

        assertEquals(1, outbox().lastSeq(base));
        assertEquals(0, outbox().lastSeq(other));
        assertEquals(2, inLockedBase(base, () -> outbox().reserveSeqs(base, 1)));
    }

    @Test
    default void aBaseThatGaveOutNoNumberHasLastSeqZeroAndAMissingBaseHasNoneToGive() {
        BaseId missing = BaseId.random();

        assertEquals(0, outbox().lastSeq(newBase().id()));
        assertEquals(0, outbox().lastSeq(missing));
        assertThrows(RuntimeException.class, () -> transactions().inTransaction(
                () -> outbox().reserveSeqs(missing, 1)));
        assertEquals(0, outbox().lastSeq(missing));
    }

    @Test
    default void eventsReadBackEqualInSeqOrderAfterTheGivenSeq() {
        BaseId base = newBase().id();
        List<StoredEvent> events = inLockedBase(base, () -> {
            long first = outbox().reserveSeqs(base, 3);
            List<StoredEvent> appended = List.of(
                    new StoredEvent(base, first, EventId.at(T0), OpType.INSERT_ROW, T0, "{\"a\":1}"),
                    new StoredEvent(base, first + 1, EventId.at(T0), OpType.MODIFY_ROW, T0.plusMillis(1),
                            "{\"text\":\"✓ 😀 \\\"quoted\\\"\"}"),
                    new StoredEvent(base, first + 2, EventId.at(T0), OpType.DELETE_ROW, T0.plusMillis(2), "{}"));
            outbox().append(appended);
            return appended;
        });

        assertEquals(events, outbox().readAfter(base, 0, 10, Long.MAX_VALUE));
        assertEquals(events.subList(1, 3), outbox().readAfter(base, 1, 10, Long.MAX_VALUE));
        assertEquals(events.subList(0, 2), outbox().readAfter(base, 0, 2, Long.MAX_VALUE), "the count bounds");
        assertTrue(outbox().readAfter(base, 3, 10, Long.MAX_VALUE).isEmpty());
        assertTrue(outbox().readAfter(newBase().id(), 0, 10, Long.MAX_VALUE).isEmpty());
    }

    @Test
    default void theSameSeqInTwoBasesIsTwoEvents() {
        BaseId base = newBase().id();
        BaseId other = newBase().id();

        List<StoredEvent> ofBase = appendEvents(base, OpType.INSERT_ROW, List.of("{\"base\":1}", "{\"base\":2}"));
        List<StoredEvent> ofOther = appendEvents(other, OpType.DELETE_ROW, List.of("{\"other\":1}"));

        assertEquals(ofBase, outbox().readAfter(base, 0, 10, Long.MAX_VALUE));
        assertEquals(ofOther, outbox().readAfter(other, 0, 10, Long.MAX_VALUE));
        assertEquals(1, ofOther.get(0).seq());
    }

    @Test
    default void aReadEndsWithTheEventWhosePayloadBytesTakeItPastTheBudget() {
        BaseId base = newBase().id();
        // "✓" is one character and three bytes: each payload is 109 characters and 309 bytes
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            payloads.add("{\"t\":\"" + "✓".repeat(100) + i + "\"}");
        }
        List<StoredEvent> events = appendEvents(base, OpType.INSERT_ROW, payloads);

        assertEquals(events.subList(0, 1), outbox().readAfter(base, 0, 10, 300),
                "the first event's bytes pass the budget; counted in characters the next two would come too");
        assertEquals(events.subList(0, 2), outbox().readAfter(base, 0, 10, 310));
        assertEquals(events.subList(1, 4), outbox().readAfter(base, 1, 10, 700));
        assertEquals(events.subList(2, 3), outbox().readAfter(base, 2, 10, 1), "at least one event");
        assertEquals(events.subList(0, 2), outbox().readAfter(base, 0, 2, Long.MAX_VALUE), "the count still bounds");
        assertEquals(events.subList(4, 5), outbox().readAfter(base, 4, 10, 1));
        assertTrue(outbox().readAfter(base, 5, 10, 1).isEmpty());
    }
}
