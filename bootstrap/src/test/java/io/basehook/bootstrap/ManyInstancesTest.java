package io.basehook.bootstrap;

import io.basehook.bootstrap.ChildApi.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many instances: three instances on one database share one webhook's deliveries. While all live,
 * every event arrives exactly once (a duplicate would mean two instances held one delivery at the same time).
 * When one is killed mid-burst, the others carry on after its leases run out: every event still arrives, and
 * only what the dead instance may have had in flight arrives twice.
 */
class ManyInstancesTest {

    private static final Map<String, String> SETTINGS = Map.of(
            "BASEHOOK_DELIVERY_TIMEOUT", "2s",
            // short, so a killed instance's deliveries come back soon; still well above a request and its record
            "BASEHOOK_DELIVERY_LEASE", "6s",
            "BASEHOOK_DELIVERY_RETRY_SCHEDULE", "200ms,200ms,500ms,1s",
            "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms");
    private static final Pattern SUCCEEDED =
            Pattern.compile("(?m)^basehook_delivery_attempts_total\\{outcome=\"succeeded\",?} ([0-9.E]+)");

    @Test
    void instancesShareTheDeliveriesAndCarryOnWhenOneIsKilled() throws Exception {
        String database = RunningBasehook.get().context().getRequiredProperty("basehook.db.url", String.class);
        List<ChildBasehook> instances = ChildBasehook.startAll(3, database, SETTINGS);
        try (Receiver receiver = new Receiver()) {
            List<ChildApi> apis = instances.stream().map(instance -> new ChildApi(instance.baseUrl())).toList();
            Target target = apis.get(0).webhookedTable("Many", receiver.url());

            // all live: 3,000 events written through all three APIs at once, each delivered exactly once
            writeThroughEach(apis, target, "first", 40, 16);
            List<String> first = apis.get(1).eventIds(target.base());
            assertEquals(3000, first.size());
            Receiver.awaitUntil(Duration.ofSeconds(90), () -> receiver.countsById().keySet().containsAll(first));
            Map<String, Integer> counts = receiver.countsById();
            assertTrue(counts.keySet().containsAll(first), () -> "missing: "
                    + first.stream().filter(id -> !counts.containsKey(id)).count() + " events");
            counts.forEach((id, count) -> assertEquals(1, count, () -> id + " arrived " + count + " times"));
            List<Double> shares = instances.stream().map(ManyInstancesTest::succeeded).toList();
            assertTrue(shares.stream().allMatch(share -> share > 0), "each instance delivered a share: " + shares);

            // one killed mid-burst: answers take a while, so it dies with attempts in flight; they are held while
            // the burst is written, so the kill lands early in its delivery however fast or slow the writes are
            receiver.delay(Duration.ofMillis(50));
            receiver.hang();
            writeThroughEach(apis, target, "second", 20, 8);
            List<String> all = apis.get(0).eventIds(target.base());
            List<String> second = all.subList(first.size(), all.size());
            assertEquals(1500, second.size());
            receiver.release();
            Receiver.awaitUntil(Duration.ofSeconds(30), () -> countOf(receiver, second) >= 300);
            ChildBasehook victim = instances.get(1);
            assertTrue(succeeded(victim) > shares.get(1), "the instance to be killed takes part in the burst");
            victim.kill();
            // what the dead instance wrote before it died is read by the receiver a moment later
            Thread.sleep(250);
            Set<String> beforeKill = receiver.countsById().keySet();
            assertFalse(beforeKill.containsAll(second), "the kill came mid-burst");

            Receiver.awaitUntil(Duration.ofSeconds(60), () -> receiver.countsById().keySet().containsAll(second));
            Map<String, Integer> after = receiver.countsById();
            assertTrue(after.keySet().containsAll(second), () -> "missing after the kill: "
                    + second.stream().filter(id -> !after.containsKey(id)).count() + " events\n" + instances.get(0).log());
            first.forEach(id -> assertEquals(1, after.get(id), id));
            second.forEach(id -> assertTrue(after.get(id) == 1 || beforeKill.contains(id),
                    () -> id + " arrived " + after.get(id) + " times, yet the killed instance never sent it"));
        } finally {
            instances.forEach(ChildBasehook::close);
        }
    }

    /**
     * Through each API at the same time, so commits of all three instances interleave: {@code singles} one-row
     * inserts, then {@code batches} inserts of 60 rows.
     */
    private static void writeThroughEach(List<ChildApi> apis, Target target, String prefix, int singles, int batches)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(apis.size());
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int i = 0; i < apis.size(); i++) {
                ChildApi api = apis.get(i);
                String name = prefix + " via " + i;
                writing.add(writers.submit(() -> {
                    for (int row = 0; row < singles; row++) {
                        api.insert(target, name + " single " + row, 1);
                    }
                    for (int batch = 0; batch < batches; batch++) {
                        api.insert(target, name + " batch " + batch, 60);
                    }
                }));
            }
            for (Future<?> write : writing) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static long countOf(Receiver receiver, List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        return receiver.countsById().keySet().stream().filter(wanted::contains).count();
    }

    /** Attempts this instance recorded as succeeded, from its {@code /prometheus}. */
    private static double succeeded(ChildBasehook instance) {
        String metrics = new ChildApi(instance.baseUrl()).send("GET", "/prometheus", null).body();
        Matcher matcher = SUCCEEDED.matcher(metrics);
        assertTrue(matcher.find(), metrics);
        return Double.parseDouble(matcher.group(1));
    }
}
