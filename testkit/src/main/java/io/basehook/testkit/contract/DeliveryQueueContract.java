package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeliveryQueue}: a write binds its events to the webhooks enabled at that time, one delivery per (event,
 * webhook), with ids rising in {@code seq} order for every webhook; a target leased to the writer is not claimed
 * before its lease ends. What was queued is read back through the claims and the delivery log.
 */
public interface DeliveryQueueContract extends DeliveryStoreFixture {

    @Test
    default void enqueueBindsTheSeqRangeToEveryWebhookOfTheBaseEnabledAtThatTime() {
        BaseId base = newBase();
        Webhook first = newWebhook(base, true);
        Webhook disabled = newWebhook(base, false);
        Webhook third = newWebhook(base, true);
        BaseId otherBase = newBase();
        Webhook ofOtherBase = newWebhook(otherBase, true);
        appendEvents(otherBase, 5);
        List<StoredEvent> events = appendEvents(base, OpType.MODIFY_ROW, List.of("{}", "{}", "{}", "{}", "{}"));

        int queued = queue().enqueue(base, events.get(1).seq(), events.get(3).seq(), T0);

        assertEquals(6, queued);
        for (Webhook webhook : List.of(first, third)) {
            List<Delivery> deliveries = oldestFirst(webhook);
            assertEquals(events.subList(1, 4).stream().map(StoredEvent::seq).toList(),
                    deliveries.stream().map(Delivery::seq).toList(), "ids rise in seq order for each webhook");
            for (Delivery delivery : deliveries) {
                StoredEvent event = events.get((int) (delivery.seq() - events.get(0).seq()));
                assertEquals(webhook.id(), delivery.webhookId());
                assertEquals(base, delivery.baseId());
                assertEquals(event.id(), delivery.eventId());
                assertEquals("modify_row", delivery.eventType());
                assertEquals(DeliveryStatus.PENDING, delivery.status());
                assertEquals(0, delivery.attempts());
                assertEquals(T0, delivery.createdAt());
                assertEquals(T0, delivery.nextAttemptAt());
            }
        }
        assertTrue(oldestFirst(disabled).isEmpty(), "disabled at the write: nothing");
        assertTrue(oldestFirst(ofOtherBase).isEmpty(), "another base's webhook: nothing");
        setEnabled(disabled, true);
        assertTrue(oldestFirst(disabled).isEmpty(), "enabled later: it never gets older events");
        long last = events.get(4).seq();
        assertEquals(0, queue().enqueue(base, last + 1, last + 4, T0), "no such events");
        assertEquals(0, queue().enqueue(base, last, last - 1, T0), "an empty range");
    }

    @Test
    default void enqueueForTargetsReturnsTheIdsEventByEventWithTheLeasedOnesLeasedAndTheOthersDue() {
        BaseId base = newBase();
        Webhook leased = newWebhook(base, true);
        Webhook due = newWebhook(base, true);
        List<StoredEvent> events = appendEvents(base, 3);

        List<DeliveryId> ids = queue().enqueue(base, events, List.of(new DeliveryQueue.Target(leased.id(), LEASE),
                new DeliveryQueue.Target(due.id(), null)), T0);

        assertEquals(6, ids.size());
        List<Long> idsOfLeased = new ArrayList<>();
        List<Long> idsOfDue = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Webhook target = i % 2 == 0 ? leased : due;
            Delivery delivery = found(target, ids.get(i));
            StoredEvent event = events.get(i / 2);
            assertEquals(event.seq(), delivery.seq(), "event by event, each to the targets in the order given");
            assertEquals(event.id(), delivery.eventId());
            assertEquals(DeliveryStatus.PENDING, delivery.status());
            assertEquals(T0, delivery.createdAt());
            (i % 2 == 0 ? idsOfLeased : idsOfDue).add(ids.get(i).value());
        }
        assertRising(idsOfLeased);
        assertRising(idsOfDue);

        List<ClaimedDelivery> now = claim(10, T0, LEASE);
        assertEquals(3, now.size(), "no claim takes a leased one before its lease ends");
        assertEquals(events.stream().map(StoredEvent::seq).toList(), seqsOf(now, due));
        List<ClaimedDelivery> afterTheLease = claim(10, LEASE, LEASE.plusSeconds(60));
        assertEquals(events.stream().map(StoredEvent::seq).toList(), seqsOf(afterTheLease, leased),
                "after it, any claim takes them");
        assertEquals(events.get(0).payload(), afterTheLease.get(0).payload());
        assertTrue(queue().enqueue(base, List.of(), List.of(new DeliveryQueue.Target(due.id(), null)), T0).isEmpty());
        assertTrue(queue().enqueue(base, events, List.of(), T0).isEmpty(), "no target, no delivery");
    }

    @Test
    default void enqueueForTheGroupsOfSeveralBasesReturnsTheIdsGroupByGroupEachUnderItsOwnBase() {
        BaseId first = newBase();
        Webhook ofFirst = newWebhook(first, true);
        BaseId second = newBase();
        Webhook leasedOfSecond = newWebhook(second, true);
        Webhook dueOfSecond = newWebhook(second, true);
        List<StoredEvent> firstEvents = appendEvents(first, 2);
        List<StoredEvent> secondEvents = appendEvents(second, OpType.DELETE_ROW, List.of("{\"second\":true}"));

        List<DeliveryId> ids = queue().enqueue(List.of(
                new DeliveryQueue.Group(first, firstEvents, List.of(new DeliveryQueue.Target(ofFirst.id(), LEASE))),
                new DeliveryQueue.Group(second, secondEvents, List.of(
                        new DeliveryQueue.Target(leasedOfSecond.id(), LEASE),
                        new DeliveryQueue.Target(dueOfSecond.id(), null)))), T0);

        assertEquals(4, ids.size());
        assertEquals(firstEvents.get(0).id(), found(ofFirst, ids.get(0)).eventId());
        assertEquals(firstEvents.get(1).id(), found(ofFirst, ids.get(1)).eventId());
        assertRising(List.of(ids.get(0).value(), ids.get(1).value()));
        assertEquals(secondEvents.get(0).id(), found(leasedOfSecond, ids.get(2)).eventId());
        Delivery ofSecond = found(dueOfSecond, ids.get(3));
        assertEquals(second, ofSecond.baseId());
        assertEquals("delete_row", ofSecond.eventType());
        List<ClaimedDelivery> claimed = claim(10, T0, LEASE);
        assertEquals(1, claimed.size(), "only the one not leased is due");
        assertEquals(ids.get(3), claimed.get(0).id());
        assertEquals(second, claimed.get(0).baseId());
        assertEquals(secondEvents.get(0).payload(), claimed.get(0).payload(), "its own base's event");
        assertTrue(queue().enqueue(List.of(new DeliveryQueue.Group(first, List.of(),
                List.of(new DeliveryQueue.Target(ofFirst.id(), null)))), T0).isEmpty());
    }

    @Test
    default void eachEnqueueAddsDeliveriesWithHigherIdsForEveryWebhook() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 2, T0);
        List<StoredEvent> later = appendEvents(base, 2);
        queue().enqueue(base, later, List.of(new DeliveryQueue.Target(webhook.id(), null)), T0);

        List<Delivery> deliveries = oldestFirst(webhook);

        assertEquals(List.of(1L, 2L, 3L, 4L), deliveries.stream().map(Delivery::seq).toList());
        assertRising(deliveries.stream().map(delivery -> delivery.id().value()).toList());
    }

    private static void assertRising(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) < ids.get(i), "ids rise: " + ids);
        }
    }
}
