package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeliveryLog}: a webhook's deliveries page newest first without their attempts, through opaque cursors that
 * never repeat nor skip one, filtered by status or not; {@code find} gives one with its attempts oldest first, the
 * newest within the byte bound (at least one); {@code redeliver} makes a delivery due now with a fresh schedule and
 * keeps its log. A delivery claimed or handed off shows as sending, with nothing scheduled, until its answer is
 * recorded, it is released or its lease is over. Every test reads the log of webhooks of its own.
 */
public interface DeliveryLogContract extends DeliveryStoreFixture {

    @Test
    default void pagesAWebhooksDeliveriesNewestFirstWithoutAttempts() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        List<StoredEvent> events = appendAndEnqueue(base, List.of(OpType.INSERT_ROW, OpType.MODIFY_ROW,
                OpType.DELETE_ROW, OpType.MODIFY_ROW, OpType.INSERT_ROW));
        Delivery newest = log().page(webhook.id(), null, null, 1, LATER).deliveries().get(0);
        record(newest, succeeded(T0.plusSeconds(1)), DeliveryStatus.SUCCEEDED, null);

        DeliveryLog.Page first = log().page(webhook.id(), null, null, 2, LATER);
        DeliveryLog.Page second = log().page(webhook.id(), null, first.nextCursor(), 2, LATER);
        DeliveryLog.Page third = log().page(webhook.id(), null, second.nextCursor(), 2, LATER);

        assertEquals(List.of(5L, 4L), seqs(first));
        assertEquals(List.of(3L, 2L), seqs(second));
        assertEquals(List.of(1L), seqs(third));
        assertNotNull(first.nextCursor());
        assertNull(third.nextCursor(), "the last page has no next one");
        List<Delivery> all = new ArrayList<>(first.deliveries());
        all.addAll(second.deliveries());
        all.addAll(third.deliveries());
        for (Delivery delivery : all) {
            StoredEvent event = events.get((int) delivery.seq() - 1);
            assertEquals(webhook.id(), delivery.webhookId());
            assertEquals(base, delivery.baseId());
            assertEquals(event.id(), delivery.eventId());
            assertEquals(event.type().wireName(), delivery.eventType());
            assertEquals(T0, delivery.createdAt());
            assertTrue(delivery.attemptLog().isEmpty(), "a page carries no attempts");
        }
        Delivery succeeded = first.deliveries().get(0);
        assertEquals(DeliveryStatus.SUCCEEDED, succeeded.status());
        assertEquals(1, succeeded.attempts());
        assertNull(succeeded.nextAttemptAt(), "closed");
        Delivery pending = first.deliveries().get(1);
        assertEquals(DeliveryStatus.PENDING, pending.status());
        assertEquals(0, pending.attempts());
        assertEquals(T0, pending.nextAttemptAt());
        assertEquals(5, log().page(other.id(), null, null, 100, LATER).deliveries().size(),
                "the other webhook's own five");
    }

    @Test
    default void aCursorNeverRepeatsNorSkipsWhenNewDeliveriesArrive() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 4, T0);

        DeliveryLog.Page first = log().page(webhook.id(), null, null, 2, LATER);
        appendAndEnqueue(base, 3, T0);
        DeliveryLog.Page second = log().page(webhook.id(), null, first.nextCursor(), 2, LATER);

        assertEquals(List.of(4L, 3L), seqs(first));
        assertEquals(List.of(2L, 1L), seqs(second));
        assertNull(second.nextCursor(), "a last page that is full has no next cursor either");
        assertEquals(List.of(7L, 6L, 5L, 4L), seqs(log().page(webhook.id(), null, null, 4, LATER)));
    }

    @Test
    default void filtersByStatusAndPagesWithinTheFilter() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 6, T0);
        List<Delivery> bySeq = oldestFirst(webhook);
        record(bySeq.get(0), failed(T0), DeliveryStatus.FAILED, null);
        record(bySeq.get(1), succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        record(bySeq.get(2), failed(T0), DeliveryStatus.FAILED, null);
        record(bySeq.get(3), failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(5));
        record(bySeq.get(4), failed(T0), DeliveryStatus.FAILED, null);

        DeliveryLog.Page failed = log().page(webhook.id(), DeliveryStatus.FAILED, null, 2, LATER);
        DeliveryLog.Page moreFailed = log().page(webhook.id(), DeliveryStatus.FAILED, failed.nextCursor(), 2, LATER);

        assertEquals(List.of(5L, 3L), seqs(failed));
        assertEquals(List.of(1L), seqs(moreFailed));
        assertNull(moreFailed.nextCursor());
        assertTrue(failed.deliveries().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.FAILED
                && delivery.nextAttemptAt() == null));
        List<Delivery> retrying = log().page(webhook.id(), DeliveryStatus.RETRYING, null, 10, LATER).deliveries();
        assertEquals(List.of(4L), retrying.stream().map(Delivery::seq).toList());
        assertEquals(T0.plusSeconds(5), retrying.get(0).nextAttemptAt());
        assertEquals(List.of(6L), seqs(log().page(webhook.id(), DeliveryStatus.PENDING, null, 10, LATER)));
        assertEquals(List.of(2L), seqs(log().page(webhook.id(), DeliveryStatus.SUCCEEDED, null, 10, LATER)));
    }

    @Test
    default void pagesOfAnySizeWithoutAFilterGiveEveryDeliveryOnceNewestFirstWhateverItsStatus() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 12, T0);
        List<Delivery> bySeq = oldestFirst(webhook);
        DeliveryStatus[] cycle = {DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED, DeliveryStatus.RETRYING, null};
        for (int i = 0; i < bySeq.size(); i++) {
            DeliveryStatus status = cycle[i % cycle.length];
            if (status == DeliveryStatus.RETRYING) {
                record(bySeq.get(i), failed(T0), status, T0.plusSeconds(i % 3 == 0 ? -5 : 5));
            } else if (status != null) {
                record(bySeq.get(i), status == DeliveryStatus.FAILED ? failed(T0) : succeeded(T0), status, null);
            }
        }
        List<Long> newestFirst = LongStream.rangeClosed(1, 12).map(seq -> 13 - seq).boxed().toList();

        for (int size = 1; size <= 13; size++) {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            do {
                DeliveryLog.Page page = log().page(webhook.id(), null, cursor, size, LATER);
                seen.addAll(seqs(page));
                cursor = page.nextCursor();
                assertTrue(seen.size() <= 12, "pages of " + size + " repeat deliveries: " + seen);
            } while (cursor != null);
            assertEquals(newestFirst, seen, "pages of " + size);
        }
        assertEquals(List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING, DeliveryStatus.FAILED,
                DeliveryStatus.SUCCEEDED), log().page(webhook.id(), null, null, 4, LATER).deliveries().stream()
                .map(Delivery::status).toList());
    }

    @Test
    default void aWebhookWithoutDeliveriesHasOneEmptyPage() {
        DeliveryLog.Page page = log().page(newWebhook(newBase(), true).id(), null, null, 100, LATER);

        assertTrue(page.deliveries().isEmpty());
        assertNull(page.nextCursor());
    }

    @Test
    default void aMalformedCursorIsInvalidCursor() {
        WebhookId webhookId = newWebhook(newBase(), true).id();
        for (String cursor : List.of("not a cursor!", "{}")) {
            BasehookException refused = assertThrows(BasehookException.class,
                    () -> log().page(webhookId, null, cursor, 10, LATER), cursor);
            assertEquals("invalid_cursor", refused.code());
            assertEquals(BasehookException.Kind.INVALID, refused.kind());
        }
    }

    @Test
    default void findsADeliveryWithEveryAttemptOldestFirst() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, List.of(OpType.MODIFY_ROW));
        Delivery queued = oldestFirst(webhook).get(0);
        Attempt answered = Attempt.answered(T0.plusMillis(1), Duration.ofMillis(231),
                Map.of("webhook-id", queued.eventId().value(), "Content-Type", "application/json"), 503,
                Map.of("retry-after", "30", "content-type", "text/plain; charset=utf-8"), "busy, try later ✓",
                Duration.ofSeconds(30));
        Attempt timedOut = Attempt.failed(T0.plusSeconds(31), Duration.ofSeconds(15),
                Map.of("webhook-id", queued.eventId().value()), AttemptError.TIMEOUT, "no answer within 15 s");
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), answered, 1, DeliveryStatus.RETRYING,
                T0.plusSeconds(31))));
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), timedOut, 2, DeliveryStatus.RETRYING,
                T0.plusSeconds(331))));

        Delivery found = log().find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();

        assertEquals(List.of(answered, timedOut), found.attemptLog());
        assertEquals(queued.id(), found.id());
        assertEquals(webhook.id(), found.webhookId());
        assertEquals(base, found.baseId());
        assertEquals(queued.eventId(), found.eventId());
        assertEquals("modify_row", found.eventType());
        assertEquals(DeliveryStatus.RETRYING, found.status());
        assertEquals(2, found.attempts());
        assertEquals(T0, found.createdAt());
        assertEquals(T0.plusSeconds(331), found.nextAttemptAt());
    }

    @Test
    default void aLongAttemptLogIsReadUpToTheByteBoundNewestFirstButAtLeastOne() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        Delivery queued = oldestFirst(webhook).get(0);
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Attempt attempt = Attempt.answered(T0.plusSeconds(i), Duration.ofMillis(10), Map.of("webhook-id", "x"),
                    500, Map.of(), Character.toString('a' + i).repeat(Attempt.MAX_BODY_CHARS), null);
            attempts.add(attempt);
            recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), attempt, i, DeliveryStatus.RETRYING,
                    T0.plusSeconds(60))));
        }

        assertEquals(attempts, log().find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow().attemptLog());
        // each attempt stores a little over 4 KiB: the newest three start within 10,000 bytes
        assertEquals(attempts.subList(2, 5), log().find(webhook.id(), queued.id(), 10_000, LATER).orElseThrow()
                .attemptLog());
        Delivery newestOnly = log().find(webhook.id(), queued.id(), 1, LATER).orElseThrow();
        assertEquals(attempts.subList(4, 5), newestOnly.attemptLog(), "at least the newest attempt");
        assertEquals(5, newestOnly.attempts(), "the count still tells how many there were");
    }

    @Test
    default void findsADeliveryNotYetAttemptedAndNothingOfAnotherWebhook() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        Delivery queued = oldestFirst(webhook).get(0);

        Delivery found = log().find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();

        assertTrue(found.attemptLog().isEmpty());
        assertEquals(DeliveryStatus.PENDING, found.status());
        assertTrue(log().find(other.id(), queued.id(), Long.MAX_VALUE, LATER).isEmpty(),
                "the delivery of another webhook");
        assertTrue(log().find(webhook.id(), new DeliveryId(Long.MAX_VALUE), Long.MAX_VALUE, LATER).isEmpty());
    }

    @Test
    default void redeliveryMakesADeliveryDueNowWithAFreshScheduleAndKeepsItsLog() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery first = claim(1, T0, LEASE).get(0);
        recordAll(List.of(retrying(first, failed(T0))));
        ClaimedDelivery second = claim(1, T0.plusSeconds(5), LEASE).get(0);
        record(second, failed(T0.plusSeconds(5)), DeliveryStatus.FAILED, null);
        Instant now = T0.plus(Duration.ofDays(1));

        assertTrue(log().redeliver(webhook.id(), first.id(), now));

        Delivery redelivered = found(webhook, first.id());
        assertEquals(DeliveryStatus.PENDING, redelivered.status());
        assertEquals(now, redelivered.nextAttemptAt());
        assertEquals(2, redelivered.attempts(), "the attempt count goes on");
        assertEquals(2, redelivered.attemptLog().size(), "the log stays");
        assertTrue(log().redeliver(webhook.id(), first.id(), now), "again at the same moment: still found");
        ClaimedDelivery again = claim(1, now, now.plusSeconds(60)).get(0);
        assertEquals(first.id(), again.id());
        assertEquals(first.eventId(), again.eventId(), "the same event");
        assertEquals(2, again.attempts());
        assertEquals(2, again.scheduleStart(), "the schedule starts after the attempts made so far");
        record(again, succeeded(now), DeliveryStatus.SUCCEEDED, null);
        assertEquals(3, found(webhook, first.id()).attemptLog().size(), "the log goes on counting");
    }

    @Test
    default void redeliveryOfAnotherWebhooksDeliveryOrOfNoneChangesNothing() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        Webhook other = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        Delivery queued = oldestFirst(webhook).get(0);
        record(queued, succeeded(T0), DeliveryStatus.SUCCEEDED, null);

        assertFalse(log().redeliver(other.id(), queued.id(), T0.plusSeconds(60)));
        assertFalse(log().redeliver(webhook.id(), new DeliveryId(Long.MAX_VALUE), T0.plusSeconds(60)));

        Delivery unchanged = found(webhook, queued.id());
        assertEquals(DeliveryStatus.SUCCEEDED, unchanged.status());
        assertNull(unchanged.nextAttemptAt());
    }

    @Test
    default void aClaimedDeliveryShowsAsSendingUntilItsAnswerIsRecorded() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery claimed = claim(1, T0, LEASE).get(0);

        Delivery sending = log().find(webhook.id(), claimed.id(), Long.MAX_VALUE, T0).orElseThrow();
        assertEquals(DeliveryStatus.SENDING, sending.status());
        assertNull(sending.nextAttemptAt(), "nothing scheduled while it is sent");
        assertEquals(List.of(claimed.id()), log().page(webhook.id(), DeliveryStatus.SENDING, null, 10, T0)
                .deliveries().stream().map(Delivery::id).toList());
        assertTrue(log().page(webhook.id(), DeliveryStatus.PENDING, null, 10, T0).deliveries().isEmpty());

        record(claimed, succeeded(T0), DeliveryStatus.SUCCEEDED, null);
        Delivery answered = log().find(webhook.id(), claimed.id(), Long.MAX_VALUE, T0).orElseThrow();
        assertEquals(DeliveryStatus.SUCCEEDED, answered.status());
        assertTrue(log().page(webhook.id(), DeliveryStatus.SENDING, null, 10, T0).deliveries().isEmpty());
    }

    @Test
    default void aHandedOffDeliveryShowsAsSendingAndARetryAsRetryingWithItsNextAttempt() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        List<StoredEvent> events = appendEvents(base, 1);
        DeliveryId id = queue().enqueue(base, events, List.of(new DeliveryQueue.Target(webhook.id(), LEASE)), T0)
                .get(0);

        Delivery handedOff = log().page(webhook.id(), null, null, 10, T0).deliveries().get(0);
        assertEquals(DeliveryStatus.SENDING, handedOff.status());
        assertNull(handedOff.nextAttemptAt());

        recordAll(List.of(new DeliveryOutcome(id, webhook.id(), failed(T0), 1, DeliveryStatus.RETRYING,
                T0.plusSeconds(5))));
        Delivery retrying = log().find(webhook.id(), id, Long.MAX_VALUE, T0).orElseThrow();
        assertEquals(DeliveryStatus.RETRYING, retrying.status());
        assertEquals(T0.plusSeconds(5), retrying.nextAttemptAt());
        assertEquals(List.of(id), log().page(webhook.id(), DeliveryStatus.RETRYING, null, 10, T0).deliveries()
                .stream().map(Delivery::id).toList());
    }

    @Test
    default void aReleasedDeliveryOrOneWhoseLeaseRanOutIsPendingAgain() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 2, T0);
        List<ClaimedDelivery> claimed = claim(2, T0, LEASE);

        claims().release(List.of(claimed.get(0).id()), LEASE, T0);
        Delivery released = log().find(webhook.id(), claimed.get(0).id(), Long.MAX_VALUE, T0).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, released.status());
        assertEquals(T0, released.nextAttemptAt());

        Delivery ranOut = log().find(webhook.id(), claimed.get(1).id(), Long.MAX_VALUE, LEASE).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, ranOut.status(), "its instance stopped: due again since the lease's end");
        assertEquals(LEASE, ranOut.nextAttemptAt());
        assertEquals(2, log().page(webhook.id(), DeliveryStatus.PENDING, null, 10, LEASE).deliveries().size());
        assertTrue(log().page(webhook.id(), DeliveryStatus.SENDING, null, 10, LEASE).deliveries().isEmpty());
    }

    /** One event per type, queued for every enabled webhook of the base, as a content change does it. */
    private List<StoredEvent> appendAndEnqueue(BaseId base, List<OpType> types) {
        List<StoredEvent> events = new ArrayList<>();
        for (OpType type : types) {
            events.addAll(appendEvents(base, type, List.of("{}")));
        }
        queue().enqueue(base, events.get(0).seq(), events.get(events.size() - 1).seq(), T0);
        return events;
    }

    private static List<Long> seqs(DeliveryLog.Page page) {
        return page.deliveries().stream().map(Delivery::seq).toList();
    }
}
