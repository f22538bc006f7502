package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.Table;
import io.basehook.domain.token.ApiToken;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every stored instant keeps its milliseconds, on MariaDB through Connector/J too (which drops the fraction
 * of TIMESTAMP and DATETIME there): they are stored as epoch milliseconds.
 */
@MicronautTest(transactional = false)
class InstantPrecisionTest extends DatabaseTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T14:30:05.123Z");
    private static final Instant UPDATED = Instant.parse("2026-11-27T14:31:06.456Z");
    private static final Instant OCCURRED = Instant.parse("2026-11-27T14:32:07.789Z");

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
    void millisecondsSurviveTheRoundTrip() {
        Base base = Base.create("Times", CREATED);
        Table table = Table.create(base.id(), "Times", List.of(), Set.of(), 500, CREATED);
        Row row = Row.restore(RowId.random(), table.id(), Map.of(), CREATED, UPDATED);
        ApiToken token = ApiToken.issue(base.id(), "clock", Permission.READ_WRITE, CREATED).token();
        StoredEvent event = new StoredEvent(base.id(), 1, EventId.at(OCCURRED), OpType.INSERT_ROW, OCCURRED, "{}");
        transactions.inTransaction(() -> {
            bases.insert(base);
            tables.insert(table);
            rows.insertAll(base.id(), List.of(row));
            tokens.insert(token);
            outbox.reserveSeqs(base.id(), 1);
            outbox.append(List.of(event));
            return null;
        });

        Row storedRow = rows.findByIds(base.id(), table.id(), List.of(row.id())).get(row.id());
        assertEquals(CREATED, bases.findById(base.id()).orElseThrow().createdAt());
        assertEquals(CREATED, tables.findById(base.id(), table.id()).orElseThrow().createdAt());
        assertEquals(CREATED, storedRow.createdAt());
        assertEquals(UPDATED, storedRow.updatedAt());
        assertEquals(CREATED, tokens.findByHash(token.hash()).orElseThrow().createdAt());
        assertEquals(OCCURRED, outbox.readAfter(base.id(), 0, 1, Long.MAX_VALUE).get(0).occurredAt());
    }
}
