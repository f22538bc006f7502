package io.basehook.testkit.memory;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the in-memory transactions promise beyond the contract: one at a time, and a failed nested call is final. */
class InMemoryTransactionsTest extends InMemoryStoreFixture {

    @Test
    void concurrentWritersNumberEventsGaplessInCommitOrder() throws Exception {
        BaseId base = newBase().id();
        int threads = 4;
        int transactionsPerThread = 100;
        // appended while the store is held, so this list's order is the commit order
        List<long[]> firstAndCountInCommitOrder = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int count = t + 1;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < transactionsPerThread; i++) {
                        inLockedBase(base, () -> {
                            List<StoredEvent> events = appendEvents(base, OpType.INSERT_ROW,
                                    Collections.nCopies(count, "{}"));
                            firstAndCountInCommitOrder.add(new long[] {events.get(0).seq(), count});
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
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
        List<Long> stored = outbox().readAfter(base, 0, Integer.MAX_VALUE, Long.MAX_VALUE).stream()
                .map(StoredEvent::seq).toList();
        assertEquals(threads * transactionsPerThread, firstAndCountInCommitOrder.size());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), stored);
        assertEquals(total, outbox().lastSeq(base));
    }

    @Test
    void aNestedCallThatFailsRollsBackTheWholeTransactionEvenIfTheOuterWorkCarriesOn() {
        BaseId base = newBase().id();

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> inLockedBase(base, () -> {
            appendEvents(base, OpType.INSERT_ROW, List.of("{}"));
            try {
                transactions().inTransaction(() -> {
                    throw new IllegalArgumentException("the inner work fails");
                });
            } catch (IllegalArgumentException caught) {
                // carried on regardless
            }
            return null;
        }));

        assertEquals("rolled back: a call in the transaction failed", thrown.getMessage());
        assertEquals(0, outbox().lastSeq(base));
    }
}
