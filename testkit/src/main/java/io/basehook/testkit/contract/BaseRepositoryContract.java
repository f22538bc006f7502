package io.basehook.testkit.contract;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.Table;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BaseRepository}: a base reads back as stored, and with its new name once updated; {@code lockById} loads
 * it; {@code lockAvailable} answers the existing bases once each in id order, including one the transaction holds
 * already (that other transactions' locks are skipped without waiting needs two threads, and is the adapter's own
 * test's); bases list in creation order; and deleting a base deletes everything in it and nothing of another base.
 */
public interface BaseRepositoryContract extends StoreFixture {

    @Test
    default void aBaseReadsBackAsStored() {
        Base base = newBase();

        Base found = bases().findById(base.id()).orElseThrow();

        assertEquals(base.id(), found.id());
        assertEquals("Sales pipeline ✓", found.name());
        assertEquals(T0, found.createdAt());
        assertTrue(bases().findById(BaseId.random()).isEmpty());
    }

    @Test
    default void anUpdatedBaseReadsBackWithItsNewNameAndAMissingOneStaysMissing() {
        Base base = newBase();
        Base missing = Base.create("missing", T0);

        bases().update(base.renamed("Renamed ✓"));
        bases().update(missing);

        Base found = bases().findById(base.id()).orElseThrow();
        assertEquals("Renamed ✓", found.name());
        assertEquals(T0, found.createdAt());
        assertTrue(bases().findById(missing.id()).isEmpty());
    }

    @Test
    default void lockByIdLoadsTheBaseAndFindsNoneThatDoesNotExist() {
        Base base = newBase();

        Base locked = transactions().inTransaction(() -> bases().lockById(base.id()).orElseThrow());

        assertEquals(base.id(), locked.id());
        assertEquals(base.name(), locked.name());
        assertTrue(transactions().inTransaction(() -> bases().lockById(BaseId.random())).isEmpty());
    }

    @Test
    default void lockAvailableAnswersTheExistingBasesOnceEachInIdOrder() {
        List<BaseId> three = List.of(newBase().id(), newBase().id(), newBase().id());
        List<BaseId> asked = new ArrayList<>(three);
        asked.add(BaseId.random());
        asked.add(three.get(1));
        Collections.reverse(asked);

        List<BaseId> locked = transactions().inTransaction(() -> bases().lockAvailable(asked));

        assertEquals(sorted(three), locked);
        assertEquals(List.of(), transactions().inTransaction(() -> bases().lockAvailable(List.of())));
        assertEquals(List.of(), transactions().inTransaction(() -> bases().lockAvailable(List.of(BaseId.random()))));
    }

    @Test
    default void lockAvailableKeepsABaseThisTransactionHoldsAlready() {
        BaseId held = newBase().id();
        BaseId other = newBase().id();

        List<BaseId> locked = transactions().inTransaction(() -> {
            bases().lockById(held).orElseThrow();
            List<BaseId> first = bases().lockAvailable(List.of(held, other));
            assertEquals(sorted(List.of(held, other)), bases().lockAvailable(List.of(other, held)), "and again");
            return first;
        });

        assertEquals(sorted(List.of(held, other)), locked);
    }

    @Test
    default void basesListInCreationOrder() {
        Base older = Base.create("older", Instant.parse("2001-01-01T00:00:00.001Z"));
        Base newer = Base.create("newer", Instant.parse("2001-01-01T00:00:00.002Z"));
        bases().insert(newer);
        bases().insert(older);

        List<BaseId> ids = bases().findAll().stream().map(Base::id).toList();

        assertTrue(ids.contains(older.id()) && ids.indexOf(older.id()) < ids.indexOf(newer.id()), ids.toString());
    }

    @Test
    default void deletingABaseDeletesEverythingInItAndNothingElse() {
        Base doomed = newBase();
        Base kept = newBase();
        List<Table> tables = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<ApiToken> tokens = new ArrayList<>();
        List<Webhook> webhooks = new ArrayList<>();
        for (Base base : List.of(doomed, kept)) {
            Table table = newTable(base.id(), "Deals");
            tables.add(table);
            rows.add(insertRows(table, List.of(row(table, "ACME"))).get(0));
            ApiToken token = ApiToken.issue(base.id(), "ci", Permission.READ_WRITE, T0).token();
            tokens().insert(token);
            tokens.add(token);
            webhooks.add(newWebhook(base.id(), true));
            appendEvents(base.id(), OpType.INSERT_ROW, List.of("{}", "{}"));
        }

        inLockedBase(doomed.id(), () -> bases().delete(doomed.id()));

        assertTrue(bases().findById(doomed.id()).isEmpty());
        assertTrue(transactions().inTransaction(() -> bases().lockById(doomed.id())).isEmpty());
        assertTrue(bases().findAll().stream().noneMatch(base -> base.id().equals(doomed.id())));
        assertTrue(tables().findByBase(doomed.id()).isEmpty());
        assertTrue(tables().findById(doomed.id(), tables.get(0).id()).isEmpty());
        assertTrue(rows().findByIds(doomed.id(), tables.get(0).id(), List.of(rows.get(0).id())).isEmpty());
        assertTrue(tokens().findByHash(tokens.get(0).hash()).isEmpty());
        assertTrue(tokens().findByBase(doomed.id()).isEmpty());
        assertTrue(webhooks().findByIds(List.of(webhooks.get(0).id())).isEmpty());
        assertTrue(outbox().readAfter(doomed.id(), 0, 10, Long.MAX_VALUE).isEmpty());
        assertEquals(0, outbox().lastSeq(doomed.id()));

        assertTrue(bases().findById(kept.id()).isPresent());
        assertEquals(1, tables().findByBase(kept.id()).size());
        assertEquals(1, rows().findByIds(kept.id(), tables.get(1).id(), List.of(rows.get(1).id())).size());
        assertTrue(tokens().findByHash(tokens.get(1).hash()).isPresent());
        assertEquals(1, webhooks().findByBase(kept.id()).size());
        assertEquals(2, outbox().readAfter(kept.id(), 0, 10, Long.MAX_VALUE).size());
        assertEquals(2, outbox().lastSeq(kept.id()));
    }

    private static List<BaseId> sorted(List<BaseId> ids) {
        return ids.stream().sorted(Comparator.comparing(BaseId::value)).toList();
    }
}
