package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcChangeEventOutboxTest extends DatabaseTest {

    @Inject
    BaseRepository bases;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    TransactionRunner transactions;

    @Test
    void reservesConsecutiveNumbersStartingAtOne() {
        Base base = insertedBase();

        long first = transactions.inTransaction(() -> outbox.reserveSeqs(base.id(), 3));
        long next = transactions.inTransaction(() -> outbox.reserveSeqs(base.id(), 2));

        assertEquals(1, first);
        assertEquals(4, next);
        assertEquals(5, outbox.lastSeq(base.id()));
    }

    @Test
    void reservesForSeveralBasesAtOnceEachFromItsOwnLastSeq() {
        Base busy = insertedBase();
        Base fresh = insertedBase();
        Base alone = insertedBase();
        transactions.inTransaction(() -> outbox.reserveSeqs(busy.id(), 4));

        Map<BaseId, Long> first = transactions.inTransaction(() -> {
            bases.lockAvailable(List.of(busy.id(), fresh.id()));
            return outbox.reserveSeqs(Map.of(busy.id(), 3, fresh.id(), 2));
        });
        Map<BaseId, Long> single = transactions.inTransaction(() -> outbox.reserveSeqs(Map.of(alone.id(), 2)));

        assertEquals(Map.of(busy.id(), 5L, fresh.id(), 1L), first);
        assertEquals(7, outbox.lastSeq(busy.id()));
        assertEquals(2, outbox.lastSeq(fresh.id()));
        assertEquals(Map.of(alone.id(), 1L), single);
        assertEquals(2, outbox.lastSeq(alone.id()));
        assertThrows(IllegalArgumentException.class,
                () -> transactions.inTransaction(() -> outbox.reserveSeqs(Map.of(busy.id(), 1, fresh.id(), 0))));
        assertEquals(7, outbox.lastSeq(busy.id()), "nothing reserved when one count is wrong");
    }

    @Test
    void aReadEndsWithTheEventThatTakesItPastTheByteBudget() {
        Base base = insertedBase();
        // payload sizes in bytes: "✓" takes three
        int[] lengths = {100, 4000, 10, 10, 9000, 50};
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            events.add(new StoredEvent(base.id(), i + 1, EventId.at(Fixtures.NOW), OpType.INSERT_ROW, Fixtures.NOW,
                    "{\"text\":\"" + "✓".repeat(lengths[i]) + "\"}"));
        }
        transactions.inTransaction(() -> {
            bases.lockById(base.id());
            outbox.reserveSeqs(base.id(), events.size());
            outbox.append(events);
            return null;
        });

        // 12,322 bytes (311 + 12,011) lie before the third event and 12,363 before the fourth
        assertEquals(events.subList(0, 2), outbox.readAfter(base.id(), 0, 1000, 12_000));
        assertEquals(events.subList(0, 3), outbox.readAfter(base.id(), 0, 1000, 12_340));
        assertEquals(events.subList(2, 5), outbox.readAfter(base.id(), 2, 1000, 100),
                "the event that passes the budget ends the read");
        assertEquals(events.subList(4, 5), outbox.readAfter(base.id(), 4, 1000, 1), "at least one event");
        assertEquals(events.subList(1, 3), outbox.readAfter(base.id(), 1, 2, Long.MAX_VALUE), "the count still bounds");
        assertTrue(outbox.readAfter(base.id(), 6, 1000, 1).isEmpty());
    }

    @Test
    void aBaseWithoutEventsHasLastSeqZero() {
        assertEquals(0, outbox.lastSeq(insertedBase().id()));
        assertEquals(0, outbox.lastSeq(BaseId.random()));
    }

    @Test
    void reservingForAMissingBaseFails() {
        BasehookException rejected = assertThrows(BasehookException.class,
                () -> transactions.inTransaction(() -> outbox.reserveSeqs(BaseId.random(), 1)));

        assertEquals("base_not_found", rejected.code());
    }

    @Test
    void readsAppendedEventsBackInSeqOrder() {
        Base base = insertedBase();
        List<StoredEvent> events = List.of(
                new StoredEvent(base.id(), 1, EventId.at(Fixtures.NOW), OpType.INSERT_ROW, Fixtures.NOW, "{\"a\":1}"),
                new StoredEvent(base.id(), 2, EventId.at(Fixtures.NOW), OpType.MODIFY_ROW, Fixtures.NOW.plusMillis(1),
                        "{\"text\":\"✓ 😀\"}"),
                new StoredEvent(base.id(), 3, EventId.at(Fixtures.NOW), OpType.DELETE_ROW, Fixtures.NOW.plusMillis(2), "{}"));
        transactions.inTransaction(() -> {
            bases.lockById(base.id());
            outbox.reserveSeqs(base.id(), 3);
            outbox.append(events);
            return null;
        });

        assertEquals(events, outbox.readAfter(base.id(), 0, 10, Long.MAX_VALUE));
        assertEquals(events.subList(1, 3), outbox.readAfter(base.id(), 1, 10, Long.MAX_VALUE));
        assertEquals(events.subList(0, 2), outbox.readAfter(base.id(), 0, 2, Long.MAX_VALUE));
        assertTrue(outbox.readAfter(base.id(), 3, 10, Long.MAX_VALUE).isEmpty());
        assertTrue(outbox.readAfter(insertedBase().id(), 0, 10, Long.MAX_VALUE).isEmpty());
    }

    /**
     * Many writers on one base: every transaction locks the base, reserves and appends. Afterwards the
     * seqs are exactly 1..N, and each transaction's numbers follow those of the one that committed before it.
     */
    @Test
    void seqsStayGaplessAndInCommitOrderUnderConcurrentWriters() throws Exception {
        Base base = insertedBase();
        int threads = 8;
        int transactionsPerThread = 50;
        // appended while the base lock is held, so this list's order is the commit order
        List<long[]> firstAndCountInCommitOrder = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < transactionsPerThread; i++) {
                        int count = ThreadLocalRandom.current().nextInt(1, 4);
                        transactions.inTransaction(() -> {
                            bases.lockById(base.id()).orElseThrow();
                            long first = outbox.reserveSeqs(base.id(), count);
                            List<StoredEvent> events = new ArrayList<>();
                            for (int n = 0; n < count; n++) {
                                events.add(Fixtures.event(base.id(), first + n));
                            }
                            outbox.append(events);
                            firstAndCountInCommitOrder.add(new long[] {first, count});
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long expectedNext = 1;
        for (long[] firstAndCount : firstAndCountInCommitOrder) {
            assertEquals(expectedNext, firstAndCount[0]);
            expectedNext += firstAndCount[1];
        }
        long total = expectedNext - 1;
        List<Long> stored = outbox.readAfter(base.id(), 0, Integer.MAX_VALUE, Long.MAX_VALUE).stream()
                .map(StoredEvent::seq).toList();
        assertEquals(threads * transactionsPerThread, firstAndCountInCommitOrder.size());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), stored);
        assertEquals(total, outbox.lastSeq(base.id()));
    }

    private Base insertedBase() {
        Base base = Base.create("Feed", Instant.now());
        bases.insert(base);
        return base;
    }
}
