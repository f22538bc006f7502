package io.basehook.application.delivery;

import io.basehook.application.service.Limits;
import io.basehook.application.testing.AllDeliveryPorts;
import io.basehook.application.testing.FakeWebhookPort;
import io.basehook.application.testing.InlineTransactions;
import io.basehook.application.testing.TestClock;
import io.basehook.application.testing.TurnSignals;
import io.basehook.application.service.Fixture;
import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.InOrder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.FIRST_SEQ;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ChangeRecorderTest {

    private final Fixture fixture = new Fixture();

    private ChangeEvent inserted(String name) {
        return Row.create(fixture.table, new CellPatch(Map.of(NAME.key(), text(name)), Set.of()), ADMIN, NOW).event();
    }

    /** Records the events inside one transaction of the fixture, as a content use case does. */
    private void recordInTransaction(List<ChangeEvent> events) {
        fixture.transactions.inTransaction(() -> {
            fixture.recorder.record(BASE_ID, events);
            return null;
        });
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
        verifyNoInteractions(fixture.outbox, fixture.encoder, fixture.deliveries, fixture.wakeup);
    }

    // The deliveries are bound to the events in the change's transaction, after the events exist
    @Test
    void queuesTheRunOfSeqsAfterAppendingItDueAtTheFirstEventsTime() {
        when(fixture.outbox.reserveSeqs(BASE_ID, 3)).thenReturn(7L);
        Instant later = NOW.plusSeconds(5);
        List<ChangeEvent> events = List.of(inserted("a"),
                Row.create(fixture.table, new CellPatch(Map.of(NAME.key(), text("b")), Set.of()), ADMIN, later).event(),
                inserted("c"));

        recordInTransaction(events);

        InOrder order = inOrder(fixture.outbox, fixture.deliveries, fixture.transactions);
        order.verify(fixture.outbox).append(any());
        order.verify(fixture.deliveries).enqueue(BASE_ID, 7, 9, NOW);
        order.verify(fixture.transactions).commit();
    }

    // the loop runs on another thread: woken before commit it would find nothing, and only a timer would save it
    @Test
    void wakesTheDeliveryLoopOnlyAfterTheCommit() {
        when(fixture.deliveries.enqueue(eq(BASE_ID), anyLong(), anyLong(), any())).thenReturn(2);

        fixture.transactions.inTransaction(() -> {
            fixture.recorder.record(BASE_ID, List.of(inserted("a")));
            verifyNoInteractions(fixture.wakeup);
            return null;
        });

        InOrder order = inOrder(fixture.deliveries, fixture.transactions, fixture.wakeup);
        order.verify(fixture.deliveries).enqueue(BASE_ID, FIRST_SEQ, FIRST_SEQ, NOW);
        order.verify(fixture.transactions).commit();
        order.verify(fixture.wakeup).wake();
    }

    // If the change rolls back, nothing is ever sent, so there is nothing to wake for
    @Test
    void aRolledBackChangeDoesNotWakeTheLoop() {
        when(fixture.deliveries.enqueue(eq(BASE_ID), anyLong(), anyLong(), any())).thenReturn(2);

        assertThrows(IllegalStateException.class, () -> fixture.transactions.inTransaction(() -> {
            fixture.recorder.record(BASE_ID, List.of(inserted("a")));
            throw new IllegalStateException("a later write of the use case failed");
        }));

        verify(fixture.transactions).rollback();
        verifyNoInteractions(fixture.wakeup);
    }

    // a base without enabled webhooks queues nothing: its changes must not spin the loop
    @Test
    void nothingQueuedWakesNothing() {
        when(fixture.deliveries.enqueue(eq(BASE_ID), anyLong(), anyLong(), any())).thenReturn(0);

        recordInTransaction(List.of(inserted("a")));

        verify(fixture.deliveries).enqueue(BASE_ID, FIRST_SEQ, FIRST_SEQ, NOW);
        verify(fixture.transactions).commit();
        verify(fixture.transactions, never()).afterCommit(any());
        verifyNoInteractions(fixture.wakeup);
    }

    static Stream<Arguments> contentUseCases() {
        return Stream.of(
                arguments("insert rows", (Consumer<Fixture>) f -> f.insertRows(Limits.DEFAULTS).insertRows(
                        new InsertRowsCommand(BOT, BASE_ID, TABLE_ID, List.of(Map.of("Name", "a"), Map.of("Name", "b"))))),
                arguments("update rows", (Consumer<Fixture>) f -> {
                    Row a = f.givenRow(NAME, text("a"));
                    Row b = f.givenRow(NAME, text("b"));
                    f.givenStoredRows(a, b);
                    f.updateRows(Limits.DEFAULTS).updateRows(new UpdateRowsCommand(BOT, BASE_ID, TABLE_ID, List.of(
                            new RowValues(a.id(), Map.of("Name", "A")), new RowValues(b.id(), Map.of("Name", "B")))));
                }),
                arguments("delete rows", (Consumer<Fixture>) f -> {
                    Row a = f.givenRow(NAME, text("a"));
                    Row b = f.givenRow(NAME, text("b"));
                    f.givenStoredRows(a, b);
                    f.deleteRows(Limits.DEFAULTS).deleteRows(new DeleteRowsCommand(BOT, BASE_ID, TABLE_ID,
                            List.of(a.id(), b.id()), true));
                }));
    }

    // Every content change reaches the webhooks through the recorder
    @ParameterizedTest(name = "{0}")
    @MethodSource("contentUseCases")
    void everyContentUseCaseQueuesItsEventsAndWakesTheLoopAfterCommit(String name, Consumer<Fixture> useCase) {
        Fixture f = new Fixture();
        when(f.deliveries.enqueue(eq(BASE_ID), anyLong(), anyLong(), any())).thenReturn(2);

        useCase.accept(f);

        InOrder order = inOrder(f.outbox, f.deliveries, f.transactions, f.wakeup);
        order.verify(f.outbox).append(any());
        order.verify(f.deliveries).enqueue(BASE_ID, FIRST_SEQ, FIRST_SEQ + 1, NOW);
        order.verify(f.transactions).commit();
        order.verify(f.wakeup).wake();
    }

    // hand-off: the recorder reads the targets, reserves, writes the leases, fills, and ends the reservation

    private final DeliveryHandoff handoff = mock(DeliveryHandoff.class);
    private final DeliveryHandoff.Reservation reservation = mock(DeliveryHandoff.Reservation.class);

    private ChangeRecorder handingOff(List<Webhook> webhooksOfTheBase) {
        when(handoff.active()).thenReturn(true);
        when(handoff.reserve(any(), anyInt(), anyLong(), any())).thenReturn(reservation);
        when(fixture.webhooks.findByBase(BASE_ID)).thenReturn(webhooksOfTheBase);
        return new ChangeRecorder(fixture.outbox, fixture.encoder, fixture.deliveries, fixture.transactions,
                fixture.wakeup, fixture.webhooks, handoff);
    }

    private static Webhook webhook(boolean enabled) {
        return Fixture.webhookAt("https://hook.example/", enabled);
    }

    @Test
    void handsOffToTheEnabledWebhooksWithTheirLeasesAndStartsThemOnlyAfterTheCommit() {
        Webhook taking = webhook(true);
        Webhook disabled = webhook(false);
        Webhook behind = webhook(true);
        ChangeRecorder recorder = handingOff(List.of(taking, disabled, behind));
        Instant lease = NOW.plusSeconds(60);
        when(reservation.leasedUntil(taking.id())).thenReturn(lease);
        List<DeliveryId> ids = List.of(new DeliveryId(1),
                new DeliveryId(2), new DeliveryId(3),
                new DeliveryId(4));
        when(fixture.deliveries.enqueue(eq(BASE_ID), ArgumentMatchers.<List<StoredEvent>>any(),
                ArgumentMatchers.<List<DeliveryQueue.Target>>any(),
                eq(NOW))).thenReturn(ids);

        fixture.transactions.inTransaction(() -> {
            recorder.record(BASE_ID, List.of(inserted("a"), inserted("b")));
            verify(reservation, never()).committed();
            return null;
        });

        InOrder order = inOrder(handoff, fixture.deliveries, reservation, fixture.transactions, fixture.wakeup);
        order.verify(handoff).reserve(eq(List.of(taking, behind)), eq(2), anyLong(), eq(NOW));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<StoredEvent>> events = ArgumentCaptor.forClass(List.class);
        order.verify(fixture.deliveries).enqueue(eq(BASE_ID), events.capture(), eq(List.of(
                new DeliveryQueue.Target(taking.id(), lease),
                new DeliveryQueue.Target(behind.id(), null))), eq(NOW));
        order.verify(reservation).fill(events.getValue(), ids);
        order.verify(fixture.transactions).commit();
        order.verify(reservation).committed();
        order.verify(fixture.wakeup).wake(); // the webhook that is behind waits for a claim
        verify(reservation, never()).rolledBack();
        assertEquals(List.of(FIRST_SEQ, FIRST_SEQ + 1),
                events.getValue().stream().map(StoredEvent::seq).toList());
    }

    @Test
    void aWriteThatHandsEverythingOffLeavesTheLoopAsleep() {
        Webhook taking = webhook(true);
        ChangeRecorder recorder = handingOff(List.of(taking));
        when(reservation.leasedUntil(taking.id())).thenReturn(NOW.plusSeconds(60));
        when(reservation.all()).thenReturn(true);
        when(fixture.deliveries.enqueue(eq(BASE_ID), ArgumentMatchers.<List<StoredEvent>>any(),
                ArgumentMatchers.<List<DeliveryQueue.Target>>any(),
                eq(NOW))).thenReturn(List.of(new DeliveryId(1)));

        fixture.transactions.inTransaction(() -> {
            recorder.record(BASE_ID, List.of(inserted("a")));
            return null;
        });

        verify(reservation).committed();
        verifyNoInteractions(fixture.wakeup);
    }

    // A rolled-back change sends nothing, and what it reserved is free again
    @Test
    void aRolledBackHandOffIsGivenBackAndNeverStarted() {
        ChangeRecorder recorder = handingOff(List.of(webhook(true)));
        when(reservation.none()).thenReturn(true);

        assertThrows(IllegalStateException.class, () -> fixture.transactions.inTransaction(() -> {
            recorder.record(BASE_ID, List.of(inserted("a")));
            throw new IllegalStateException("a later write of the use case failed");
        }));

        verify(fixture.deliveries).enqueue(BASE_ID, FIRST_SEQ, FIRST_SEQ, NOW); // nothing taken: the plain insert
        verify(reservation).rolledBack();
        verify(reservation, never()).committed();
        verifyNoInteractions(fixture.wakeup);
    }

    @Test
    void withoutEnabledWebhooksNothingIsReservedOrQueued() {
        ChangeRecorder recorder = handingOff(List.of(webhook(false)));

        fixture.transactions.inTransaction(() -> {
            recorder.record(BASE_ID, List.of(inserted("a")));
            return null;
        });

        verify(handoff, never()).reserve(any(), anyInt(), anyLong(), any());
        verify(fixture.deliveries, never()).enqueue(any(), anyLong(), anyLong(), any());
        verifyNoInteractions(fixture.wakeup);
    }

    // several bases in one transaction: their seqs at once, one append, one insert of the leased deliveries, and
    // each base's reservation filled with its own ids
    @Test
    void recordsTheEventsOfSeveralBasesTogetherAndFillsEachReservationWithItsOwnIds() {
        BaseId second = BaseId.random();
        Webhook ofFirst = webhook(true);
        Webhook ofSecond = webhook(true);
        Webhook alsoOfSecond = webhook(true);
        ChangeRecorder recorder = handingOff(List.of(ofFirst));
        when(fixture.webhooks.findByBase(second)).thenReturn(List.of(ofSecond, alsoOfSecond));
        DeliveryHandoff.Reservation secondReservation = mock(DeliveryHandoff.Reservation.class);
        when(handoff.reserve(eq(List.of(ofSecond, alsoOfSecond)), anyInt(), anyLong(), any())).thenReturn(secondReservation);
        Instant lease = NOW.plusSeconds(60);
        when(reservation.leasedUntil(ofFirst.id())).thenReturn(lease);
        when(reservation.all()).thenReturn(true);
        when(secondReservation.leasedUntil(ofSecond.id())).thenReturn(lease);
        when(secondReservation.all()).thenReturn(true);
        Map<BaseId, Integer> counts = new LinkedHashMap<>();
        counts.put(BASE_ID, 2);
        counts.put(second, 1);
        when(fixture.outbox.reserveSeqs(counts)).thenReturn(Map.of(BASE_ID, 7L, second, 1L));
        List<DeliveryId> ids = List.of(new DeliveryId(11), new DeliveryId(12), new DeliveryId(13), new DeliveryId(14));
        when(fixture.deliveries.enqueue(ArgumentMatchers.<List<DeliveryQueue.Group>>any(), eq(NOW))).thenReturn(ids);
        List<ChangeEvent> firstEvents = List.of(inserted("a"), inserted("b"));
        List<ChangeEvent> secondEvents = List.of(inserted("c"));
        Map<BaseId, List<ChangeEvent>> events = new LinkedHashMap<>();
        events.put(BASE_ID, firstEvents);
        events.put(second, secondEvents);

        fixture.transactions.inTransaction(() -> {
            recorder.recordAll(events);
            return null;
        });

        List<StoredEvent> firstStored = List.of(
                new StoredEvent(BASE_ID, 7, firstEvents.get(0).id(), OpType.INSERT_ROW, NOW, Fixture.payload(firstEvents.get(0), 7)),
                new StoredEvent(BASE_ID, 8, firstEvents.get(1).id(), OpType.INSERT_ROW, NOW, Fixture.payload(firstEvents.get(1), 8)));
        List<StoredEvent> secondStored = List.of(
                new StoredEvent(second, 1, secondEvents.get(0).id(), OpType.INSERT_ROW, NOW, Fixture.payload(secondEvents.get(0), 1)));
        InOrder order = inOrder(fixture.outbox, fixture.deliveries, reservation, secondReservation, fixture.transactions);
        order.verify(fixture.outbox).reserveSeqs(counts);
        order.verify(fixture.outbox).append(List.of(firstStored.get(0), firstStored.get(1), secondStored.get(0)));
        order.verify(fixture.deliveries).enqueue(List.of(
                new DeliveryQueue.Group(BASE_ID, firstStored, List.of(new DeliveryQueue.Target(ofFirst.id(), lease))),
                new DeliveryQueue.Group(second, secondStored, List.of(new DeliveryQueue.Target(ofSecond.id(), lease),
                        new DeliveryQueue.Target(alsoOfSecond.id(), null)))), NOW);
        order.verify(fixture.transactions).commit();
        verify(reservation).fill(firstStored, ids.subList(0, 2));
        verify(secondReservation).fill(secondStored, ids.subList(2, 4));
        verify(reservation).committed();
        verify(secondReservation).committed();
        verify(fixture.outbox, never()).reserveSeqs(any(BaseId.class), anyInt());
        verifyNoInteractions(fixture.wakeup); // everything handed off
    }

    @Test
    void recordingTheEventsOfOneBaseAmongEmptyOnesIsRecordingThatBase() {
        when(fixture.outbox.reserveSeqs(BASE_ID, 1)).thenReturn(3L);
        Map<BaseId, List<ChangeEvent>> events = new LinkedHashMap<>();
        events.put(BaseId.random(), List.of());
        events.put(BASE_ID, List.of(inserted("a")));

        fixture.recorder.recordAll(events);

        verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
        verify(fixture.deliveries).enqueue(BASE_ID, 3, 3, NOW);
        verify(fixture.outbox, never()).reserveSeqs(ArgumentMatchers.<Map<BaseId, Integer>>any());
    }
}
