package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leases of {@link DeliveryClaims}: a claimed delivery is no other claim's until its lease ends, and any claim's
 * after that (its instance died); {@link DeliveryClaims#release} gives one back due at once, but only under its own
 * lease; two claims never hold one delivery at once, whatever threads they run on; and
 * {@link DeliveryClaims#withNothingDue} tells which webhooks have nothing due (a leased delivery is not).
 */
public interface DeliveryLeaseContract extends DeliveryStoreFixture {

    @Test
    default void aLeaseHidesClaimedDeliveriesUntilItEndsAndLeavesTheOthersDue() {
        BaseId base = newBase();
        newWebhook(base, true);
        appendAndEnqueue(base, 4, T0);

        List<ClaimedDelivery> leased = claim(2, T0, LEASE);

        assertEquals(List.of(1L, 2L), seqs(leased));
        assertEquals(List.of(3L, 4L), seqs(claim(10, LEASE.minusMillis(1), LEASE.plusSeconds(600))),
                "a second claim before the lease ends takes only the others");
        assertTrue(claim(10, LEASE.minusMillis(1), LEASE.plusSeconds(600)).isEmpty());
        List<ClaimedDelivery> again = claim(10, LEASE, LEASE.plusSeconds(60));
        assertEquals(ids(leased), ids(again), "the lease ran out: another instance carries on");
        assertTrue(again.stream().allMatch(delivery -> delivery.attempts() == 0), "no attempt was recorded");
    }

    // a delivery claimed ahead and never sent goes back due at once, but only while the lease is still this claim's
    @Test
    default void releaseMakesUnsentDeliveriesDueAtOnceOnlyUnderTheirOwnLease() {
        BaseId base = newBase();
        newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        List<ClaimedDelivery> leased = claim(3, T0, LEASE);
        Instant later = T0.plusSeconds(5);

        claims().release(List.of(leased.get(0).id()), LEASE, later);
        claims().release(List.of(leased.get(1).id()), LEASE.plusSeconds(1), later);
        claims().release(List.of(), LEASE, later);

        List<ClaimedDelivery> again = claim(10, later, later.plusSeconds(60));
        assertEquals(List.of(leased.get(0).id()), again.stream().map(ClaimedDelivery::id).toList(),
                "the second was released under another lease: not this claim's to give back");
        assertEquals(0, again.get(0).attempts(), "given back unsent: no attempt was made");
        assertEquals(List.of(2L, 3L), seqs(claim(10, LEASE, LEASE.plusSeconds(60))), "the rest when their lease ends");
    }

    @Test
    default void releaseLeavesADeliveryAloneOnceAnotherClaimTookItAfterTheLeaseRanOut() {
        BaseId base = newBase();
        newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery first = claim(1, T0, LEASE).get(0);
        Instant secondLease = LEASE.plusSeconds(60);
        ClaimedDelivery taken = claim(1, LEASE, secondLease).get(0);
        assertEquals(first.id(), taken.id());

        claims().release(List.of(first.id()), LEASE, LEASE.plusSeconds(1));

        assertTrue(claim(10, LEASE.plusSeconds(1), secondLease.plusSeconds(60)).isEmpty(),
                "still the second claim's until its own lease ends");
        assertEquals(List.of(first.id()),
                claim(10, secondLease, secondLease.plusSeconds(60)).stream().map(ClaimedDelivery::id).toList());
    }

    @Test
    default void concurrentClaimsNeverHoldTheSameDelivery() throws Exception {
        Set<DeliveryId> all = new HashSet<>();
        for (int b = 0; b < 4; b++) {
            BaseId base = newBase();
            Webhook webhook = newWebhook(base, true);
            appendAndEnqueue(base, 50, T0);
            oldestFirst(webhook).forEach(delivery -> all.add(delivery.id()));
        }
        assertEquals(200, all.size());

        int threads = 4;
        List<DeliveryId> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    // empty only when every delivery is leased, or held by a claim that goes on
                    List<ClaimedDelivery> batch;
                    do {
                        batch = claims().claim(7, Map.of(), 1000, T0, LEASE).deliveries();
                        batch.forEach(delivery -> claimed.add(delivery.id()));
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(200, claimed.size(), "no delivery twice");
        assertEquals(all, new HashSet<>(claimed), "every delivery once");
    }

    @Test
    default void withNothingDueNamesTheWebhooksWhoseDeliveriesAreAllLeasedClosedOrLater() {
        BaseId base = newBase();
        Webhook backlogged = newWebhook(base, true);
        Webhook leased = newWebhook(base, true);
        Webhook retrying = newWebhook(base, true);
        Webhook closed = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        Webhook idle = newWebhook(base, true); // created after the events: no delivery of its own
        claims().claim(10, Map.of(leased.id(), 3), 0, T0, LEASE);
        ClaimedDelivery failing = claims().claim(1, Map.of(retrying.id(), 1), 0, T0, LEASE).deliveries().get(0);
        record(failing, failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(5));
        claims().claim(10, Map.of(retrying.id(), 3), 0, T0, LEASE);
        for (ClaimedDelivery delivery : claims().claim(10, Map.of(closed.id(), 3), 0, T0, LEASE).deliveries()) {
            record(delivery, succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        }

        Set<WebhookId> all = Set.of(backlogged.id(), leased.id(), retrying.id(), closed.id(), idle.id());
        assertEquals(Set.of(leased.id(), retrying.id(), closed.id(), idle.id()),
                claims().withNothingDue(all, T0.plusSeconds(1)));
        assertEquals(Set.of(leased.id(), closed.id(), idle.id()), claims().withNothingDue(all, T0.plusSeconds(5)),
                "a retry is due at its time");
        assertEquals(Set.of(closed.id(), idle.id()), claims().withNothingDue(all, LEASE),
                "a lease that ran out leaves its deliveries due");
        assertEquals(Set.of(), claims().withNothingDue(Set.of(), T0));
    }
}
