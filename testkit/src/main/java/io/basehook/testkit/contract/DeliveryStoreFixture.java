package io.basehook.testkit.contract;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the delivery contracts need besides the ports under test: a store with bases, webhooks and events, kept as the
 * adapter's own repositories keep them. An adapter's test implements this once (for a database, through its
 * repositories) and then the contracts it means to pass, such as {@link DeliveryStoreContract} and
 * {@link DeliveryLogContract}; the same object may stand behind every port.
 * <p>
 * Claims and the backlog see the deliveries of every base, so before each test {@link #startEmpty} leaves no delivery
 * stored. Every time a contract passes is explicit: no test reads a clock.
 */
public interface DeliveryStoreFixture {

    /** Has milliseconds on purpose: a store must not drop them. */
    Instant T0 = Instant.parse("2026-11-27T14:30:05.123Z");
    Instant LEASE = T0.plusSeconds(60);
    /** A moment after every lease the contracts take: the log shows each delivery as stored. */
    Instant LATER = T0.plus(Duration.ofDays(3650));
    /** The auto-disable threshold the contracts record with: failing for five days. */
    Instant DISABLE_BEFORE = T0.minus(Duration.ofDays(5));
    Instant LONG_AGO = T0.minus(Duration.ofDays(6));

    DeliveryQueue queue();

    DeliveryClaims claims();

    DeliveryOutcomes outcomes();

    DeliveryParking parking();

    DeliveryBacklogQuery backlogQuery();

    DeliveryLog log();

    /** Runs before each test: afterwards no delivery of any base is stored (bases, webhooks and events may stay). */
    void startEmpty();

    BaseId newBase();

    /** A new webhook of the base, created after those before it. */
    Webhook newWebhook(BaseId baseId, boolean enabled);

    /** Enables or disables the webhook as a user does (enabling clears its failing state); deliveries stay as is. */
    void setEnabled(Webhook webhook, boolean enabled);

    /** Stores the webhook as failing since {@code since}, as another instance's record of its health would have. */
    void markFailingSince(Webhook webhook, Instant since);

    /** The webhook as stored now: enabled, auto-disabled, failing since. */
    Webhook stored(Webhook webhook);

    /**
     * Appends one event of {@code type} per payload to the base's outbox, as a content write does: numbered on from
     * the base's last {@code seq}, occurred at {@link #T0}.
     */
    List<StoredEvent> appendEvents(BaseId baseId, OpType type, List<String> payloads);

    @BeforeEach
    default void startEachContractTestEmpty() {
        startEmpty();
    }

    // helpers for the contracts

    /** {@code count} inserts of 10 bytes each. */
    default List<StoredEvent> appendEvents(BaseId baseId, int count) {
        List<String> payloads = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            payloads.add(String.format("{\"n\":%04d}", i % 10_000));
        }
        return appendEvents(baseId, OpType.INSERT_ROW, payloads);
    }

    /** Events {@code 1..count} of the base, queued for its enabled webhooks, due at {@code now}. */
    default List<StoredEvent> appendAndEnqueue(BaseId baseId, int count, Instant now) {
        List<StoredEvent> events = appendEvents(baseId, count);
        queue().enqueue(baseId, events.get(0).seq(), events.get(events.size() - 1).seq(), now);
        return events;
    }

    /** Up to {@code limit} due deliveries, leased until {@code leaseUntil}, any webhook taking up to the limit. */
    default List<ClaimedDelivery> claim(int limit, Instant now, Instant leaseUntil) {
        return claims().claim(limit, Map.of(), limit, now, leaseUntil).deliveries();
    }

    /** As the delivery loop records: the outcomes, then the webhooks' health. */
    default List<WebhookId> recordAll(List<DeliveryOutcome> outcomes) {
        outcomes().record(outcomes);
        return outcomes().recordHealth(outcomes, DISABLE_BEFORE);
    }

    default void record(ClaimedDelivery delivery, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
        recordAll(List.of(outcome(delivery, attempt, status, nextAttemptAt)));
    }

    default void record(Delivery delivery, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
        recordAll(List.of(new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, delivery.attempts() + 1,
                status, nextAttemptAt)));
    }

    default DeliveryOutcome outcome(ClaimedDelivery delivery, Attempt attempt, DeliveryStatus status,
                                    Instant nextAttemptAt) {
        return new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, delivery.attempts() + 1, status,
                nextAttemptAt);
    }

    /** A failed attempt, tried again 5 s later. */
    default DeliveryOutcome retrying(ClaimedDelivery delivery, Attempt attempt) {
        return outcome(delivery, attempt, DeliveryStatus.RETRYING, attempt.at().plusSeconds(5));
    }

    default DeliveryOutcome succeeded(ClaimedDelivery delivery, Instant at) {
        return outcome(delivery, succeeded(at), DeliveryStatus.SUCCEEDED, null);
    }

    default Attempt succeeded(Instant at) {
        return Attempt.answered(at, Duration.ofMillis(5), Map.of(), 200, Map.of(), "ok", null);
    }

    default Attempt failed(Instant at) {
        return Attempt.failed(at, Duration.ofMillis(5), Map.of(), AttemptError.CONNECTION_REFUSED, "refused");
    }

    /** Every delivery of the webhook as its log shows it, oldest first. */
    default List<Delivery> oldestFirst(Webhook webhook) {
        List<Delivery> deliveries = new ArrayList<>(log().page(webhook.id(), null, null, 1000, LATER).deliveries());
        Collections.reverse(deliveries);
        return deliveries;
    }

    default Delivery found(Webhook webhook, DeliveryId id) {
        return log().find(webhook.id(), id, Long.MAX_VALUE, LATER).orElseThrow();
    }

    default List<Long> seqs(List<ClaimedDelivery> claimed) {
        return claimed.stream().map(ClaimedDelivery::seq).toList();
    }

    default List<Long> seqsOf(List<ClaimedDelivery> claimed, Webhook webhook) {
        return seqs(claimed.stream().filter(delivery -> delivery.webhookId().equals(webhook.id())).toList());
    }

    default Set<DeliveryId> ids(List<ClaimedDelivery> claimed) {
        return claimed.stream().map(ClaimedDelivery::id).collect(Collectors.toSet());
    }
}
