package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeliveryClaims#claim}: what a claim takes. Due deliveries, oldest due first and then by id, at most the
 * limit in all and each webhook's room (or the room of others), with the payload bytes bounded but the first always
 * taken; and whether it saw everything due, or found nothing due at all. Leases are {@link DeliveryLeaseContract}'s.
 */
public interface DeliveryClaimsContract extends DeliveryStoreFixture {

    @Test
    default void claimsDueDeliveriesInSeqOrderUpToTheLimitWithTheirEventsAndPayloads() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        List<StoredEvent> events = appendAndEnqueue(base, 5, T0);

        List<ClaimedDelivery> claimed = claims().claim(3, Map.of(), 10, T0, LEASE).deliveries();

        assertEquals(List.of(1L, 2L, 3L), seqs(claimed));
        for (ClaimedDelivery delivery : claimed) {
            StoredEvent event = events.get((int) delivery.seq() - 1);
            assertEquals(webhook.id(), delivery.webhookId());
            assertEquals(base, delivery.baseId());
            assertEquals(event.id(), delivery.eventId());
            assertEquals(event.payload(), delivery.payload(), "the exact payload");
            assertEquals(0, delivery.attempts());
            assertEquals(0, delivery.scheduleStart());
        }
    }

    @Test
    default void claimsWhatIsDueFirstThenByIdAndNothingNotYetDue() {
        BaseId base = newBase();
        newWebhook(base, true);
        appendEvents(base, 4);
        queue().enqueue(base, 1, 2, T0.plusMillis(10));
        queue().enqueue(base, 3, 3, T0);
        queue().enqueue(base, 4, 4, T0.plusSeconds(3600));

        List<ClaimedDelivery> claimed = claim(10, T0.plusMillis(10), LEASE);

        assertEquals(List.of(3L, 1L, 2L), seqs(claimed));
        assertTrue(claim(10, T0.plusMillis(10), LEASE).isEmpty(), "the fourth is due in an hour");
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs(claim(10, T0.plusSeconds(3600), LEASE.plusSeconds(3600))),
                "the leases ran out first (at one time: by id), then the fourth came due");
    }

    @Test
    default void takesAtMostEachWebhooksRoomAndTheRoomOfOthersForTheRest() {
        BaseId base = newBase();
        Webhook first = newWebhook(base, true);
        Webhook second = newWebhook(base, true);
        appendAndEnqueue(base, 5, T0);

        List<ClaimedDelivery> claimed = claims().claim(10, Map.of(second.id(), 1), 2, T0, LEASE).deliveries();

        assertEquals(List.of(1L, 2L), seqsOf(claimed, first));
        assertEquals(List.of(1L), seqsOf(claimed, second));
        assertEquals(3, claimed.size());
        assertTrue(claims().claim(10, Map.of(first.id(), 0, second.id(), 0), 2, T0, LEASE).deliveries().isEmpty(),
                "neither webhook has room");
        List<ClaimedDelivery> onlySecond = claims().claim(10, Map.of(first.id(), 0), 2, T0, LEASE).deliveries();
        assertEquals(List.of(2L, 3L), seqsOf(onlySecond, second));
        assertEquals(2, onlySecond.size());
    }

    @Test
    default void aWebhookWithoutRoomDoesNotHideTheOthersBehindItsBacklog() {
        BaseId crowded = newBase();
        Webhook flooded = newWebhook(crowded, true);
        appendAndEnqueue(crowded, 40, T0);
        BaseId quiet = newBase();
        Webhook other = newWebhook(quiet, true);
        appendAndEnqueue(quiet, 2, T0.plusMillis(1));

        List<ClaimedDelivery> claimed = claims().claim(4, Map.of(), 2, T0.plusMillis(1), LEASE).deliveries();

        assertEquals(List.of(1L, 2L), seqsOf(claimed, flooded));
        assertEquals(List.of(1L, 2L), seqsOf(claimed, other));
        appendEvents(quiet, 2);
        queue().enqueue(quiet, 3, 4, T0.plusMillis(2));
        List<ClaimedDelivery> next = claims().claim(4, Map.of(flooded.id(), 0), 2, T0.plusMillis(3), LEASE)
                .deliveries();
        assertEquals(List.of(3L, 4L), seqsOf(next, other), "found behind the flooded one's backlog");
        assertEquals(2, next.size());
    }

    @Test
    default void aLargeClaimTakesAWebhooksWholeRoomInSeqOrder() {
        BaseId base = newBase();
        Webhook fast = newWebhook(base, true);
        appendAndEnqueue(base, 150, T0);

        List<ClaimedDelivery> claimed = claims().claim(200, Map.of(fast.id(), 120), 16, T0, LEASE).deliveries();

        assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), seqsOf(claimed, fast));
        assertEquals(List.of(121L, 122L), seqs(claim(2, T0, LEASE)));
    }

    // every claimed payload stays in memory until its outcome is recorded: the engine gives each claim its bytes
    @Test
    default void aClaimTakesNoMorePayloadBytesThanItIsGivenOldestFirstButAlwaysOne() {
        BaseId base = newBase();
        newWebhook(base, true);
        List<StoredEvent> events = appendAndEnqueue(base, 5, T0); // 10 bytes each

        DeliveryClaims.Claim twoFit = claims().claim(10, Map.of(), 10, T0, LEASE, 20);
        assertEquals(List.of(1L, 2L), seqs(twoFit.deliveries()));
        assertEquals(events.get(0).payload(), twoFit.deliveries().get(0).payload());
        assertFalse(twoFit.sawAllDue(), "the bytes left some due");

        List<ClaimedDelivery> larger = claims().claim(10, Map.of(), 10, T0, LEASE, 1).deliveries();
        assertEquals(List.of(3L), seqs(larger), "the first is taken however large it is");
        assertEquals(events.get(2).payload(), larger.get(0).payload());

        DeliveryClaims.Claim rest = claims().claim(10, Map.of(), 10, T0, LEASE, Long.MAX_VALUE);
        assertEquals(List.of(4L, 5L), seqs(rest.deliveries()), "what the bytes left out stayed due");
        assertEquals(events.get(4).payload(), rest.deliveries().get(1).payload());
    }

    @Test
    default void aClaimSaysWhetherItSawEverythingDue() {
        BaseId base = newBase();
        Webhook busy = newWebhook(base, true);
        appendAndEnqueue(base, 6, T0);

        assertFalse(claims().claim(2, Map.of(), 10, T0, LEASE).sawAllDue(), "the limit left some due");
        DeliveryClaims.Claim roomLimited = claims().claim(10, Map.of(busy.id(), 1), 10, T0, LEASE);
        assertEquals(1, roomLimited.deliveries().size());
        assertTrue(roomLimited.sawAllDue(), "it saw the rest, and the webhook's room left them");
        DeliveryClaims.Claim rest = claims().claim(10, Map.of(), 10, T0, LEASE);
        assertEquals(3, rest.deliveries().size());
        assertTrue(rest.sawAllDue());
    }

    @Test
    default void aClaimSaysWhetherAnythingAtAllWasDue() {
        BaseId base = newBase();
        Webhook full = newWebhook(base, true);
        assertTrue(claims().claim(10, Map.of(), 10, T0, LEASE).nothingDue(), "an empty queue");
        appendAndEnqueue(base, 2, T0);

        DeliveryClaims.Claim noRoom = claims().claim(10, Map.of(full.id(), 0), 10, T0, LEASE);
        assertEquals(List.of(), noRoom.deliveries());
        assertFalse(noRoom.nothingDue(), "due, though the webhook had no room for it");
        DeliveryClaims.Claim took = claims().claim(10, Map.of(), 10, T0, LEASE);
        assertEquals(2, took.deliveries().size());
        assertFalse(took.nothingDue());
        DeliveryClaims.Claim allLeased = claims().claim(10, Map.of(), 10, T0, LEASE);
        assertTrue(allLeased.nothingDue(), "all of it leased now");
        assertTrue(allLeased.sawAllDue());
        assertFalse(claims().claim(10, Map.of(), 10, LEASE.plusMillis(1), LEASE.plusSeconds(60)).nothingDue(),
                "due again once the lease ran out");
    }

    @Test
    default void aClaimWithoutALimitTakesNothing() {
        BaseId base = newBase();
        newWebhook(base, true);
        appendAndEnqueue(base, 2, T0);

        assertTrue(claims().claim(0, Map.of(), 10, T0, LEASE).deliveries().isEmpty());
        assertEquals(2, claim(10, T0, LEASE).size(), "and leases nothing");
    }
}
