package io.basehook.testkit.memory;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the store's other parts reach the deliveries through, beyond the ports. */
class InMemoryDeliveriesTest extends InMemoryDeliveryFixture {

    @BeforeEach
    void store() {
        startEmpty();
    }

    @Test
    void deletingAWebhookDeletesItsDeliveriesAndNoOthers() {
        BaseId base = newBase();
        Webhook deleted = newWebhook(base, true);
        Webhook kept = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);

        assertEquals(3, deliveries.deleteWebhook(deleted.id()));

        assertTrue(oldestFirst(deleted).isEmpty());
        assertEquals(3, oldestFirst(kept).size());
        assertEquals(3, claim(10, T0, LEASE).size(), "nothing of the deleted one is claimed");
    }

    @Test
    void anOutcomeOfADeliveryDeletedMeanwhileIsDropped() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery claimed = claim(1, T0, LEASE).get(0);
        deliveries.deleteWebhook(webhook.id());

        recordAll(List.of(succeeded(claimed, T0)));

        assertTrue(log().find(webhook.id(), claimed.id(), Long.MAX_VALUE, LATER).isEmpty());
    }

    @Test
    void purgeRemovesClosedDeliveriesCreatedBeforeTheCutOldestFirstInBatches() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        appendEvents(base, 1);
        queue().enqueue(base, 4, 4, T0.plusSeconds(60));
        for (ClaimedDelivery delivery : claim(10, T0.plusSeconds(60), LEASE.plusSeconds(60))) {
            record(delivery, succeeded(T0), delivery.seq() == 2 ? DeliveryStatus.RETRYING : DeliveryStatus.SUCCEEDED,
                    delivery.seq() == 2 ? T0.plusSeconds(5) : null);
        }

        assertEquals(1, deliveries.purgeClosed(T0.plusSeconds(1), 1));
        assertEquals(1, deliveries.purgeClosed(T0.plusSeconds(1), 10));
        assertEquals(0, deliveries.purgeClosed(T0.plusSeconds(1), 10));

        assertEquals(List.of(2L, 4L), oldestFirst(webhook).stream().map(delivery -> delivery.seq()).toList(),
                "the open one stays, and the one created after the cut");
    }

    @Test
    void anEventIsNeededWhileAnOpenDeliveryHasIt() {
        BaseId base = newBase();
        newWebhook(base, true);
        List<StoredEvent> events = appendAndEnqueue(base, 2, T0);
        ClaimedDelivery first = claim(1, T0, LEASE).get(0);

        record(first, succeeded(T0), DeliveryStatus.SUCCEEDED, null);

        assertFalse(deliveries.needsEvent(base, events.get(0).seq()), "its only delivery is closed");
        assertTrue(deliveries.needsEvent(base, events.get(1).seq()));
        assertFalse(deliveries.needsEvent(newBase(), events.get(1).seq()), "another base's event of that seq");
    }

    @Test
    void anEventDroppedTakesItsClosedDeliveriesUnlessAnOpenOneNeedsIt() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        List<StoredEvent> events = appendAndEnqueue(base, 2, T0);
        record(claim(1, T0, LEASE).get(0), succeeded(T0), DeliveryStatus.SUCCEEDED, null);

        assertFalse(deliveries.dropEvent(base, events.get(1).seq()), "its delivery is open");
        assertTrue(deliveries.dropEvent(base, events.get(0).seq()));

        assertEquals(List.of(events.get(1).seq()), oldestFirst(webhook).stream().map(delivery -> delivery.seq())
                .toList());
    }

    @Test
    void theStoreDeletesAWebhooksDeliveriesWithItAndABasesWithTheBase() {
        BaseId base = newBase();
        Webhook deleted = newWebhook(base, true);
        Webhook kept = newWebhook(base, true);
        appendAndEnqueue(base, 2, T0);

        assertTrue(store.webhooks().delete(base, deleted.id()));
        assertTrue(oldestFirst(deleted).isEmpty());
        assertEquals(2, oldestFirst(kept).size());

        store.bases().delete(base);
        assertTrue(oldestFirst(kept).isEmpty());
        assertTrue(claim(10, T0, LEASE).isEmpty());
    }
}
