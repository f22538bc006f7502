package io.basehook.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthyWebhooksTest {

    private final AtomicLong nanos = new AtomicLong(42);
    private final HealthyWebhooks healthy = new HealthyWebhooks(nanos::get, Duration.ofSeconds(1));

    @Test
    void aWebhookIsFreshForTheWindowAfterItWasSeenHealthyAndNotAfter() {
        assertFalse(healthy.allFresh(Set.of("a")), "never seen");

        healthy.seen(List.of("a"));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(healthy.allFresh(Set.of("a")));

        nanos.incrementAndGet();
        assertFalse(healthy.allFresh(Set.of("a")));
    }

    @Test
    void aBatchIsFreshOnlyWhenEveryOneOfItsWebhooksIs() {
        healthy.seen(List.of("a", "b"));

        assertTrue(healthy.allFresh(Set.of("a", "b")));
        assertFalse(healthy.allFresh(Set.of("a", "c")));
        healthy.forget(List.of("b"));
        assertFalse(healthy.allFresh(Set.of("a", "b")));
        assertTrue(healthy.allFresh(Set.of("a")));
    }

    @Test
    void staleWebhooksAreDroppedOnceThereAreManyAndFreshOnesKept() {
        List<String> many = IntStream.range(0, 10_001).mapToObj(i -> "old" + i).toList();
        healthy.seen(many);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        healthy.seen(List.of("recent"));
        healthy.seen(List.of("now")); // past the limit: the stale ones go first

        assertEquals(2, healthy.size(), "the 10,001 stale ones went");
        assertTrue(healthy.allFresh(Set.of("recent", "now")));
    }
}
