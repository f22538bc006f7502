package io.basehook.testkit.contract;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.RetentionStore;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link RetentionStore}: only what is older than the cut goes. An event goes unless an open delivery still needs it,
 * and its closed deliveries go with it (the application keeps events at least as long as the log for that reason); a
 * delivery goes once closed, however old an open one is, and its event stays; a small batch size still purges all,
 * batch after batch, and the count is of what went.
 * <p>
 * Retention is global, so these tests write years before any other and first purge what is older than their cut; the
 * store's other contracts run against the same fixture ({@link DeliveryStoreFixture}).
 */
public interface RetentionStoreContract extends DeliveryStoreFixture {

    Instant CUTOFF = Instant.parse("2004-01-01T00:00:00Z");
    Instant OLD = Instant.parse("2003-06-01T08:15:30.250Z");

    RetentionStore retention();

    /** The outbox the events are appended to. */
    ChangeEventOutbox outbox();

    /** As {@link #appendEvents(BaseId, int)}, but the events occurred at {@code at}. */
    List<StoredEvent> appendEventsAt(BaseId baseId, Instant at, int count);

    @BeforeEach
    default void purgeWhatIsOlderThanTheCut() {
        startEmpty();
        retention().purgeDeliveryLogs(CUTOFF, 1000);
        retention().purgeEvents(CUTOFF, 1000);
    }

    @Test
    default void anOldEventGoesWithItsClosedDeliveriesUnlessAnOpenDeliveryNeedsIt() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendEventsAt(base, OLD, 5);
        appendEventsAt(base, CUTOFF, 1);
        queue().enqueue(base, 1, 4, OLD);
        List<ClaimedDelivery> claimed = claim(10, OLD, OLD.plusSeconds(60));
        close(claimed.get(0), DeliveryStatus.SUCCEEDED);
        close(claimed.get(1), DeliveryStatus.FAILED);
        close(claimed.get(2), DeliveryStatus.RETRYING);

        assertEquals(3, retention().purgeEvents(CUTOFF, 100), "1 and 2 delivered, 5 never queued");

        assertEquals(List.of(3L, 4L, 6L), seqs(base), "3 retrying, 4 claimed, 6 not older than the cut");
        assertEquals(List.of(3L, 4L), oldestFirst(webhook).stream().map(Delivery::seq).toList(),
                "the closed deliveries went with their events");
        assertEquals(0, retention().purgeEvents(CUTOFF, 100));
    }

    @Test
    default void aDeliveryGoesOnceClosedAndCreatedBeforeTheCutAndItsEventStays() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendEventsAt(base, OLD, 5);
        queue().enqueue(base, 1, 4, OLD);
        queue().enqueue(base, 5, 5, CUTOFF);
        List<ClaimedDelivery> claimed = claim(10, CUTOFF, CUTOFF.plusSeconds(60));
        close(claimed.get(0), DeliveryStatus.SUCCEEDED);
        close(claimed.get(1), DeliveryStatus.FAILED);
        close(claimed.get(2), DeliveryStatus.RETRYING);
        close(claimed.get(4), DeliveryStatus.SUCCEEDED);

        assertEquals(2, retention().purgeDeliveryLogs(CUTOFF, 100));

        assertEquals(List.of(3L, 4L, 5L), oldestFirst(webhook).stream().map(Delivery::seq).toList(),
                "3 retrying, 4 claimed, 5 created at the cut");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(base), "events have their own retention");
        assertEquals(0, retention().purgeDeliveryLogs(CUTOFF, 100));
    }

    @Test
    default void aSmallBatchSizeStillPurgesEverythingOlderBatchByBatch() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendEventsAt(base, OLD, 7);
        queue().enqueue(base, 1, 6, OLD);
        claim(10, OLD, OLD.plusSeconds(60)).forEach(delivery -> close(delivery, DeliveryStatus.SUCCEEDED));

        assertEquals(6, retention().purgeDeliveryLogs(CUTOFF, 2), "three full batches");
        assertEquals(7, retention().purgeEvents(CUTOFF, 3), "two full batches and one of one");

        assertEquals(List.of(), seqs(base));
        assertEquals(List.of(), oldestFirst(webhook));
    }

    /** Records one attempt at {@link #OLD} with this outcome (the webhook's health left alone). */
    private void close(ClaimedDelivery delivery, DeliveryStatus status) {
        outcomes().record(List.of(outcome(delivery, status == DeliveryStatus.SUCCEEDED ? succeeded(OLD) : failed(OLD),
                status, status.isOpen() ? T0 : null)));
    }

    private List<Long> seqs(BaseId base) {
        return outbox().readAfter(base, 0, 100, Long.MAX_VALUE).stream().map(StoredEvent::seq).toList();
    }
}
