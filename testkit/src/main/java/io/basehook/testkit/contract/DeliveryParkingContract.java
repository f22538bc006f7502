package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeliveryParking} and {@link DeliveryBacklogQuery}: the open deliveries of a disabled webhook, once parked, are
 * neither claimed nor in the backlog, and the log shows them open with nothing scheduled; resuming the webhook makes
 * every open delivery of it due now (parked, retrying later, leased); {@code parkDue} parks what is due of a disabled
 * webhook and nothing else. The backlog counts open deliveries, the oldest's creation and the earliest due time.
 */
public interface DeliveryParkingContract extends DeliveryStoreFixture {

    @Test
    default void parkHoldsADisabledWebhooksOpenDeliveriesBackAndResumeMakesThemDueNow() {
        BaseId base = newBase();
        Webhook disabled = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        List<ClaimedDelivery> ofDisabled = claims().claim(10, Map.of(other.id(), 0), 10, T0, LEASE).deliveries();
        record(ofDisabled.get(0), succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        setEnabled(disabled, false);

        parking().park(ofDisabled.stream().map(ClaimedDelivery::id).toList());

        assertEquals(DeliveryStatus.SUCCEEDED, found(disabled, ofDisabled.get(0).id()).status(), "closed stays closed");
        Delivery parked = found(disabled, ofDisabled.get(1).id());
        assertEquals(DeliveryStatus.PENDING, parked.status(), "still open: it is sent once the webhook is enabled");
        assertNull(parked.nextAttemptAt(), "nothing is scheduled for it");
        assertNull(log().page(disabled.id(), null, null, 10, LATER).deliveries().get(0).nextAttemptAt());
        List<ClaimedDelivery> claimed = claim(10, LEASE.plusSeconds(3600), LEASE.plusSeconds(3660));
        assertEquals(List.of(1L, 2L, 3L), seqsOf(claimed, other), "parked ones are not claimed");
        assertEquals(3, claimed.size());

        Instant now = T0.plusSeconds(7200);
        setEnabled(disabled, true);
        parking().resume(disabled.id(), now);

        assertEquals(now, found(disabled, ofDisabled.get(1).id()).nextAttemptAt());
        assertEquals(List.of(2L, 3L), seqsOf(claim(10, now, now.plusSeconds(60)), disabled), "due now");
    }

    @Test
    default void aParkedDeliveryIsNoLongerShownAsSendingThoughItsLeaseWouldStillRun() {
        BaseId base = newBase();
        Webhook disabled = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery claimed = claim(1, T0, LEASE).get(0);
        setEnabled(disabled, false);

        parking().park(List.of(claimed.id()));

        Delivery parked = log().find(disabled.id(), claimed.id(), Long.MAX_VALUE, T0).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, parked.status(), "open, held back until the webhook is enabled");
        assertNull(parked.nextAttemptAt(), "nothing is scheduled for it");
    }

    @Test
    default void parkLeavesAloneTheDeliveriesOfAWebhookEnabledAgainMeanwhile() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery delivery = claim(1, T0, LEASE).get(0);

        parking().park(List.of(delivery.id()));

        assertEquals(List.of(delivery.id()), claim(1, LEASE, LEASE.plusSeconds(60)).stream()
                .map(ClaimedDelivery::id).toList(), "still due when its lease ends");
        assertEquals(webhook.id(), delivery.webhookId());
    }

    @Test
    default void parkDueParksWhatIsDueOfADisabledWebhookAndNothingElse() {
        BaseId base = newBase();
        Webhook disabled = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        appendAndEnqueue(base, 5, T0);
        ClaimedDelivery inFlight = claims().claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        ClaimedDelivery retry = claims().claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        record(retry, failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(3600));
        Instant now = T0.plusSeconds(1);
        assertEquals(0, parking().parkDue(disabled.id(), now), "an enabled webhook's deliveries stay due");
        setEnabled(disabled, false);

        assertEquals(3, parking().parkDue(disabled.id(), now));

        assertEquals(0, parking().parkDue(disabled.id(), now), "nothing of it is left due");
        assertNull(found(disabled, oldestFirst(disabled).get(4).id()).nextAttemptAt());
        List<ClaimedDelivery> claimed = claim(10, now, now.plusSeconds(60));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqsOf(claimed, other), "the other webhook's stay due");
        assertEquals(5, claimed.size());
        assertEquals(List.of(inFlight.id()), claim(10, LEASE, LEASE.plusSeconds(60)).stream()
                .map(ClaimedDelivery::id).toList(), "the one in flight was left to its lease (a claim parks it)");
    }

    @Test
    default void resumeMakesEveryOpenDeliveryOfTheWebhookDueNowParkedRetryingOrLeased() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        appendAndEnqueue(base, 4, T0);
        ClaimedDelivery inFlight = claims().claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        ClaimedDelivery retry = claims().claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        record(retry, failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(3600));
        ClaimedDelivery done = claims().claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        record(done, succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        setEnabled(webhook, false);
        assertEquals(1, parking().parkDue(webhook.id(), T0));
        Instant now = T0.plusSeconds(2);
        setEnabled(webhook, true);

        parking().resume(webhook.id(), now);

        List<ClaimedDelivery> claimed = claims().claim(10, Map.of(other.id(), 0), 10, now, now.plusSeconds(60))
                .deliveries();
        assertEquals(List.of(1L, 2L, 4L), seqs(claimed), "the leased one, the later retry and the parked one");
        assertEquals(inFlight.id(), claimed.get(0).id());
        assertEquals(DeliveryStatus.SUCCEEDED, found(webhook, done.id()).status(), "a closed one stays closed");
        assertEquals(4, claim(10, now, now.plusSeconds(60)).size(), "the other webhook's were never touched");
    }

    @Test
    default void theBacklogCountsOpenDeliveriesTheOldestOfThemAndTheEarliestDue() {
        assertEquals(new DeliveryBacklogQuery.Backlog(0, null, null), backlogQuery().backlog());
        BaseId base = newBase();
        newWebhook(base, true);
        appendEvents(base, 3);
        queue().enqueue(base, 1, 1, T0);
        queue().enqueue(base, 2, 3, T0.plusSeconds(10));

        assertEquals(new DeliveryBacklogQuery.Backlog(3, T0, T0), backlogQuery().backlog());

        ClaimedDelivery oldest = claim(1, T0, LEASE).get(0);
        assertEquals(new DeliveryBacklogQuery.Backlog(3, T0, T0.plusSeconds(10)), backlogQuery().backlog(),
                "a leased delivery is still open, but due only when its lease runs out");
        record(oldest, succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        assertEquals(new DeliveryBacklogQuery.Backlog(2, T0.plusSeconds(10), T0.plusSeconds(10)),
                backlogQuery().backlog());
    }

    @Test
    default void parkedDeliveriesAreNotInTheBacklogUntilResumed() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 2, T0);
        setEnabled(webhook, false);
        List<DeliveryId> ids = oldestFirst(webhook).stream().map(Delivery::id).toList();

        parking().park(ids);

        assertEquals(new DeliveryBacklogQuery.Backlog(0, null, null), backlogQuery().backlog(),
                "parked ones wait on the webhook's owner, not on Basehook");
        setEnabled(webhook, true);
        parking().resume(webhook.id(), T0.plusSeconds(30));
        assertEquals(new DeliveryBacklogQuery.Backlog(2, T0, T0.plusSeconds(30)), backlogQuery().backlog());
    }
}
