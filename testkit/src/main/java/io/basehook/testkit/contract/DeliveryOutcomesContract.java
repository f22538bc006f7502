package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeliveryOutcomes}: {@link DeliveryOutcomes#record} moves each delivery to its new status and logs its
 * attempt as the delivery log shows it (a closed delivery is never claimed again, a retry is claimed at its time,
 * an attempt already recorded is not recorded over); {@link DeliveryOutcomes#recordHealth} keeps each webhook's
 * {@code failingSince} and auto-disables the enabled ones failing since before the threshold, once.
 */
public interface DeliveryOutcomesContract extends DeliveryStoreFixture {

    @Test
    default void recordMovesEachDeliveryAndLogsItsAttempt() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        List<ClaimedDelivery> claimed = claim(3, T0, LEASE);
        Instant at = T0.plusSeconds(1);
        Attempt ok = Attempt.answered(at, Duration.ofMillis(120), Map.of("webhook-id", "evt_1", "User-Agent", "B/1"),
                204, Map.of("server", "nginx"), "", null);
        Attempt tooMany = Attempt.answered(at, Duration.ofMillis(80), Map.of(), 429, Map.of("retry-after", "30"),
                "slow down ✓", Duration.ofSeconds(30));
        Attempt timedOut = Attempt.failed(at, Duration.ofSeconds(15), Map.of("webhook-id", "evt_3"),
                AttemptError.TIMEOUT, "no answer within 15 s");

        List<WebhookId> disabled = recordAll(List.of(
                outcome(claimed.get(0), ok, DeliveryStatus.SUCCEEDED, null),
                outcome(claimed.get(1), tooMany, DeliveryStatus.RETRYING, at.plusSeconds(30)),
                outcome(claimed.get(2), timedOut, DeliveryStatus.FAILED, null)));

        assertTrue(disabled.isEmpty());
        Delivery succeeded = found(webhook, claimed.get(0).id());
        assertEquals(DeliveryStatus.SUCCEEDED, succeeded.status());
        assertEquals(1, succeeded.attempts());
        assertNull(succeeded.nextAttemptAt(), "closed");
        assertEquals(List.of(ok), succeeded.attemptLog(), "the attempt as it was made");
        Delivery retrying = found(webhook, claimed.get(1).id());
        assertEquals(DeliveryStatus.RETRYING, retrying.status());
        assertEquals(at.plusSeconds(30), retrying.nextAttemptAt());
        assertEquals(List.of(tooMany), retrying.attemptLog());
        Delivery failed = found(webhook, claimed.get(2).id());
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertNull(failed.nextAttemptAt());
        assertEquals(List.of(timedOut), failed.attemptLog());

        assertTrue(claim(10, at.plusSeconds(29), LEASE.plusSeconds(600)).isEmpty(), "the retry is not due yet");
        List<ClaimedDelivery> later = claim(10, LEASE.plusSeconds(600), LEASE.plusSeconds(700));
        assertEquals(List.of(claimed.get(1).id()), later.stream().map(ClaimedDelivery::id).toList(),
                "only the retry: closed deliveries are never claimed again");
        assertEquals(1, later.get(0).attempts());
    }

    @Test
    default void aRetryIsClaimedAtItsTimeAndItsNextAttemptGoesOnTheLog() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 1, T0);
        ClaimedDelivery first = claim(1, T0, LEASE).get(0);
        recordAll(List.of(retrying(first, failed(T0))));

        assertTrue(claim(1, T0.plusSeconds(4), LEASE).isEmpty());
        ClaimedDelivery retry = claim(1, T0.plusSeconds(5), LEASE).get(0);
        assertEquals(first.id(), retry.id());
        assertEquals(1, retry.attempts());
        assertEquals(0, retry.scheduleStart());
        recordAll(List.of(succeeded(retry, T0.plusSeconds(6))));

        Delivery done = found(webhook, first.id());
        assertEquals(DeliveryStatus.SUCCEEDED, done.status());
        assertEquals(2, done.attempts());
        assertEquals(List.of(failed(T0), succeeded(T0.plusSeconds(6))), done.attemptLog());
    }

    // a lease that ran out mid-attempt lets a second instance record the same attempt: the first record stands
    @Test
    default void anAttemptRecordedAlreadyIsNotRecordedOver() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 3, T0);
        List<ClaimedDelivery> claimed = claim(3, T0, LEASE);
        recordAll(List.of(retrying(claimed.get(1), failed(T0))));

        recordAll(claimed.stream().map(delivery -> succeeded(delivery, T0.plusSeconds(1))).toList());

        assertEquals(List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.RETRYING, DeliveryStatus.SUCCEEDED),
                oldestFirst(webhook).stream().map(Delivery::status).toList());
        assertEquals(List.of(failed(T0)), found(webhook, claimed.get(1).id()).attemptLog());
        assertEquals(List.of(succeeded(T0.plusSeconds(1))), found(webhook, claimed.get(0).id()).attemptLog());
    }

    @Test
    default void recordHealthKeepsEachWebhooksFailingSince() {
        BaseId base = newBase();
        Webhook webhook = newWebhook(base, true);
        appendAndEnqueue(base, 8, T0);
        List<ClaimedDelivery> claimed = claim(8, T0, LEASE);

        recordAll(List.of(retrying(claimed.get(0), failed(T0.plusSeconds(2))),
                retrying(claimed.get(1), failed(T0.plusSeconds(1)))));
        assertEquals(T0.plusSeconds(1), stored(webhook).failingSince(), "the earliest failure of the batch");

        recordAll(List.of(retrying(claimed.get(2), failed(T0.plusSeconds(3)))));
        assertEquals(T0.plusSeconds(1), stored(webhook).failingSince(), "failing since the first failure, still");

        recordAll(List.of(retrying(claimed.get(3), failed(T0.plusSeconds(4))), succeeded(claimed.get(4),
                T0.plusSeconds(5))));
        assertNull(stored(webhook).failingSince(), "a 2xx clears it");

        recordAll(List.of(retrying(claimed.get(5), failed(T0.plusSeconds(9))),
                succeeded(claimed.get(6), T0.plusSeconds(6)), retrying(claimed.get(7), failed(T0.plusSeconds(7)))));
        assertEquals(T0.plusSeconds(7), stored(webhook).failingSince(), "since the first failure after the 2xx");
        assertTrue(stored(webhook).enabled());
    }

    @Test
    default void recordHealthDisablesTheWebhooksOfTheBatchFailingSinceBeforeTheThresholdOnce() {
        BaseId base = newBase();
        Webhook dead = newWebhook(base, true);
        Webhook recovered = newWebhook(base, true);
        Webhook recent = newWebhook(base, true);
        Webhook notInBatch = newWebhook(base, true);
        markFailingSince(dead, LONG_AGO);
        markFailingSince(recovered, LONG_AGO);
        markFailingSince(notInBatch, LONG_AGO);
        appendAndEnqueue(base, 1, T0);
        Map<WebhookId, ClaimedDelivery> claimed = claim(10, T0, LEASE).stream()
                .collect(Collectors.toMap(ClaimedDelivery::webhookId, delivery -> delivery));

        List<WebhookId> disabled = recordAll(List.of(
                retrying(claimed.get(dead.id()), failed(T0)),
                succeeded(claimed.get(recovered.id()), T0),
                retrying(claimed.get(recent.id()), failed(T0))));

        assertEquals(List.of(dead.id()), disabled);
        Webhook stored = stored(dead);
        assertFalse(stored.enabled());
        assertTrue(stored.autoDisabled(), "disabled by Basehook, not by a person");
        assertEquals(LONG_AGO, stored.failingSince());
        assertTrue(stored(recovered).enabled());
        assertNull(stored(recovered).failingSince());
        assertTrue(stored(recent).enabled());
        assertEquals(T0, stored(recent).failingSince());
        assertTrue(stored(notInBatch).enabled(), "only the batch's webhooks");
        assertTrue(recordAll(List.of(retrying(claimed.get(dead.id()), failed(T0.plusSeconds(9))))).isEmpty(),
                "disabled already: not reported twice");

        appendEvents(base, 1);
        queue().enqueue(base, 2, 2, T0);
        assertEquals(List.of(1L), oldestFirst(dead).stream().map(Delivery::seq).toList(),
                "a later write queues nothing for it");
        assertEquals(List.of(1L, 2L), oldestFirst(recent).stream().map(Delivery::seq).toList());
    }

    @Test
    default void recordingNothingChangesNothing() {
        outcomes().record(List.of());

        assertTrue(outcomes().recordHealth(List.of(), DISABLE_BEFORE).isEmpty());
    }
}
