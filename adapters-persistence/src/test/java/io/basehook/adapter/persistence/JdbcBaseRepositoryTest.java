package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.Table;
import io.basehook.domain.token.ApiToken;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcBaseRepositoryTest extends DatabaseTest {

    @Inject
    BaseRepository bases;
    @Inject
    TableRepository tables;
    @Inject
    RowRepository rows;
    @Inject
    ApiTokenRepository tokens;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    TransactionRunner transactions;

    @Test
    void findsAnInsertedBase() {
        Base base = Fixtures.base();
        bases.insert(base);

        Base found = bases.findById(base.id()).orElseThrow();

        assertEquals(base.id(), found.id());
        assertEquals("Sales pipeline", found.name());
        assertEquals(base.createdAt(), found.createdAt());
    }

    @Test
    void findsNoBaseThatWasNeverInserted() {
        assertTrue(bases.findById(BaseId.random()).isEmpty());
        assertTrue(transactions.inTransaction(() -> bases.lockById(BaseId.random())).isEmpty());
    }

    @Test
    void locksAnExistingBase() {
        Base base = Fixtures.base();
        bases.insert(base);

        Base locked = transactions.inTransaction(() -> bases.lockById(base.id()).orElseThrow());

        assertEquals(base.id(), locked.id());
    }

    @Test
    void locksTheAvailableBasesInIdOrderWithoutWaitingForOneHeldElsewhereAndLeavesOutAMissingOne() throws Exception {
        List<Base> three = List.of(Fixtures.base(), Fixtures.base(), Fixtures.base());
        three.forEach(bases::insert);
        Base held = three.get(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = other.submit(() -> transactions.inTransaction(() -> {
                bases.lockById(held.id()).orElseThrow();
                holding.countDown();
                await(release);
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            List<BaseId> asked = new ArrayList<>(three.stream().map(Base::id).toList());
            asked.add(BaseId.random());
            Collections.reverse(asked);

            List<BaseId> locked = transactions.inTransaction(() -> {
                List<BaseId> got = bases.lockAvailable(asked);
                // held by this transaction now: another one is refused them as well, without waiting
                Future<List<BaseId>> meanwhile = Executors.newSingleThreadExecutor().submit(
                        () -> transactions.inTransaction(() -> bases.lockAvailable(asked)));
                assertEquals(List.of(), get(meanwhile));
                return got;
            });

            List<BaseId> expected = new ArrayList<>(List.of(three.get(0).id(), three.get(2).id()));
            expected.sort(Comparator.comparing(BaseId::value));
            assertEquals(expected, locked);
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(held.id()), transactions.inTransaction(() -> bases.lockAvailable(List.of(held.id()))));
            assertEquals(List.of(), transactions.inTransaction(() -> bases.lockAvailable(List.of())));
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsBasesInCreationOrder() {
        Base older = Base.create("older", Instant.parse("2001-01-01T00:00:00.001Z"));
        Base newer = Base.create("newer", Instant.parse("2001-01-01T00:00:00.002Z"));
        bases.insert(newer);
        bases.insert(older);

        List<BaseId> ids = bases.findAll().stream().map(Base::id).toList();

        assertTrue(ids.indexOf(older.id()) >= 0 && ids.indexOf(older.id()) < ids.indexOf(newer.id()), ids.toString());
    }

    @Test
    void deletingABaseDeletesEverythingInIt() {
        Base doomed = Fixtures.base();
        Base kept = Fixtures.base();
        Table doomedTable = Fixtures.table(doomed.id(), "Deals");
        Table keptTable = Fixtures.table(kept.id(), "Deals");
        Row doomedRow = Fixtures.row(doomedTable, "ACME");
        Row keptRow = Fixtures.row(keptTable, "ACME");
        ApiToken.Issued doomedToken = ApiToken.issue(doomed.id(), "ci", Permission.READ_WRITE, Fixtures.NOW);
        transactions.inTransaction(() -> {
            for (Base base : List.of(doomed, kept)) {
                bases.insert(base);
            }
            tables.insert(doomedTable);
            tables.insert(keptTable);
            rows.insertAll(doomed.id(), List.of(doomedRow));
            rows.insertAll(kept.id(), List.of(keptRow));
            tokens.insert(doomedToken.token());
            outbox.append(List.of(Fixtures.event(doomed.id(), outbox.reserveSeqs(doomed.id(), 1))));
            outbox.append(List.of(Fixtures.event(kept.id(), outbox.reserveSeqs(kept.id(), 1))));
            return null;
        });

        transactions.inTransaction(() -> {
            bases.lockById(doomed.id());
            bases.delete(doomed.id());
            return null;
        });

        assertTrue(bases.findById(doomed.id()).isEmpty());
        assertTrue(tables.findByBase(doomed.id()).isEmpty());
        assertTrue(rows.findByIds(doomed.id(), doomedTable.id(), List.of(doomedRow.id())).isEmpty());
        assertTrue(tokens.findByHash(doomedToken.token().hash()).isEmpty());
        assertTrue(outbox.readAfter(doomed.id(), 0, 10, Long.MAX_VALUE).isEmpty());
        assertEquals(0, outbox.lastSeq(doomed.id()));

        assertTrue(bases.findById(kept.id()).isPresent());
        assertEquals(1, tables.findByBase(kept.id()).size());
        assertEquals(1, rows.findByIds(kept.id(), keptTable.id(), List.of(keptRow.id())).size());
        assertEquals(1, outbox.readAfter(kept.id(), 0, 10, Long.MAX_VALUE).size());
    }
}
