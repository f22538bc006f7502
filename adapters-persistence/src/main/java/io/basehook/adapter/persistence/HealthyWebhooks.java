package io.basehook.adapter.persistence;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Webhooks this instance recently saw stored as healthy ({@code failing_since} NULL), and when. A batch of 2xx
 * answers for such a webhook changes nothing, so its health need not be read again: the read was one statement of
 * every delivery turn. Another instance may mark the webhook failing meanwhile; a 2xx here then clears that at
 * most {@link #FRESH_FOR} late, in a limit of days (docs/adr/0016-retries-health-and-disabled-webhooks.md).
 */
final class HealthyWebhooks {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Past this many webhooks, the stale ones are dropped before another is added. */
    private static final int TIDY_ABOVE = 10_000;

    private final LongSupplier nanoTime;
    private final long freshNanos;
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

    HealthyWebhooks() {
        this(System::nanoTime, FRESH_FOR);
    }

    HealthyWebhooks(LongSupplier nanoTime, Duration freshFor) {
        this.nanoTime = nanoTime;
        this.freshNanos = freshFor.toNanos();
    }

    /** Whether every one of {@code webhookIds} was seen healthy within {@link #FRESH_FOR}. */
    boolean allFresh(Collection<String> webhookIds) {
        long now = nanoTime.getAsLong();
        for (String id : webhookIds) {
            Long at = seenAt.get(id);
            if (at == null || now - at > freshNanos) {
                return false;
            }
        }
        return true;
    }

    void seen(Collection<String> healthy) {
        if (healthy.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (seenAt.size() > TIDY_ABOVE) {
            seenAt.values().removeIf(at -> now - at > freshNanos);
        }
        healthy.forEach(id -> seenAt.put(id, now));
    }

    void forget(Collection<String> webhookIds) {
        webhookIds.forEach(seenAt::remove);
    }

    /** How many webhooks are remembered, fresh or not. */
    int size() {
        return seenAt.size();
    }
}
