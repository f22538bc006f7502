package io.basehook.application.service;

import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.CellPatch;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.text;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ChangeRecorderTest {

    private final Fixture fixture = new Fixture();

    private ChangeEvent inserted(String name) {
        return Row.create(fixture.table, new CellPatch(Map.of(NAME.key(), text(name)), Set.of()), ADMIN, NOW).event();
    }

    // seqs are taken once per batch, under the base lock, so they follow commit order without gaps
    @Test
    void reservesOneRunOfSeqsAndEncodesEachEventWithItsOwn() {
        when(fixture.outbox.reserveSeqs(BASE_ID, 3)).thenReturn(7L);
        List<ChangeEvent> events = List.of(inserted("a"), inserted("b"), inserted("c"));

        fixture.recorder.record(BASE_ID, events);

        InOrder order = inOrder(fixture.outbox, fixture.encoder);
        order.verify(fixture.outbox).reserveSeqs(BASE_ID, 3);
        order.verify(fixture.encoder).encode(events.get(0), 7);
        order.verify(fixture.encoder).encode(events.get(1), 8);
        order.verify(fixture.encoder).encode(events.get(2), 9);
        order.verify(fixture.outbox).append(List.of(
                new StoredEvent(BASE_ID, 7, events.get(0).id(), OpType.INSERT_ROW, NOW, Fixture.payload(events.get(0), 7)),
                new StoredEvent(BASE_ID, 8, events.get(1).id(), OpType.INSERT_ROW, NOW, Fixture.payload(events.get(1), 8)),
                new StoredEvent(BASE_ID, 9, events.get(2).id(), OpType.INSERT_ROW, NOW, Fixture.payload(events.get(2), 9))));
        order.verifyNoMoreInteractions();
    }

    @Test
    void noEventsTakeNoSeq() {
        fixture.recorder.record(BASE_ID, List.of());
        verifyNoInteractions(fixture.outbox, fixture.encoder);
    }
}
