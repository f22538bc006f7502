package io.basehook.benchmark;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    private static final Path OUT = Path.of("target");

    @Test
    void theHelpNamesEveryScenarioAndOption() {
        String usage = Options.usage();

        Scenario.names().forEach(name -> assertTrue(usage.contains(name), name));
        assertTrue(usage.contains("--service-warmup-max 150s"), usage);
        assertTrue(usage.contains("over 10% of a core"), usage);
    }

    @Test
    void theWarmUpIsAtLeastItsLengthAndAtMostItsBound() {
        Options defaults = Options.parse(new String[0], OUT);
        assertEquals(Duration.ofSeconds(45), defaults.serviceWarmup);
        assertEquals(Duration.ofSeconds(150), defaults.serviceWarmupMax);

        Options given = Options.parse(new String[] {"--service-warmup", "20s", "--service-warmup-max=90s"}, OUT);
        assertEquals(Duration.ofSeconds(20), given.serviceWarmup);
        assertEquals(Duration.ofSeconds(90), given.serviceWarmupMax);

        // a part of the warm-up is load only: no warm-up of its own, no rounds after it
        Options part = given.serviceWarmupPart(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5), part.duration);
        assertEquals(Duration.ZERO, part.serviceWarmup);
        assertEquals(Duration.ZERO, part.serviceWarmupMax);
    }

    @Test
    void theLoopbackFloorRunsFirstForFiveSecondsUnlessSkippedAndCanRunAlone() {
        Options defaults = Options.parse(new String[0], OUT);
        assertEquals(Duration.ofSeconds(5), defaults.loopbackFloor);
        assertFalse(defaults.loopbackFloorOnly);
        // the warm-up's parts are load only: the floor is measured once, before them
        assertEquals(Duration.ZERO, defaults.serviceWarmupPart(Duration.ofSeconds(5)).loopbackFloor);

        Options alone = Options.parse(new String[] {"--loopback-floor-only", "--loopback-floor", "10s"}, OUT);
        assertTrue(alone.loopbackFloorOnly);
        assertEquals(Duration.ofSeconds(10), alone.loopbackFloor);
        assertEquals(Duration.ZERO, Options.parse(new String[] {"--loopback-floor=0"}, OUT).loopbackFloor);
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--loopback-floor-only", "--loopback-floor", "0s"}, OUT));
    }

    @Test
    void severalInstancesAreGivenAsListsOfUrlsAndTheirProcessIdsInTheSameOrder() {
        Options two = Options.parse(new String[] {"--url", "http://127.0.0.1:8080/, http://127.0.0.1:8081",
                "--token", "t", "--pid", "11,12"}, OUT);
        assertEquals(List.of(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8081")), two.urls);
        assertEquals(List.of(11L, 12L), two.pids);
        assertFalse(two.startsService());
        assertEquals(two.urls, two.serviceWarmupPart(Duration.ofSeconds(5)).urls);

        assertTrue(Options.parse(new String[0], OUT).startsService());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--url",
                "http://127.0.0.1:8080,http://127.0.0.1:8081", "--token", "t", "--pid", "11"}, OUT));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--pid", "11"}, OUT));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--url", "http://127.0.0.1:8080"}, OUT));
    }

    @Test
    void theSlowReceiversPairsComeInTheOrderTheyAreCompared() {
        var names = Scenario.names();
        assertTrue(names.indexOf("fast-pair") < names.indexOf("slow-receiver"));
        assertTrue(names.indexOf("fast-pair-paced") < names.indexOf("slow-receiver-paced"));
        assertTrue(Scenario.named("fast-pair-paced").paced() && Scenario.named("slow-receiver-paced").paced());
        assertEquals(Scenario.named("fast-pair-paced").clients(), Scenario.named("slow-receiver-paced").clients());
    }

    // "--rate auto" is half of insert-16's peak: from as many clients, each has twice the time per request that
    // insert-16 needed, so the paced scenarios can keep the rate (with 8 they fell behind a peak of 2,127/s)
    @Test
    void pacedScenariosHaveAsManyClientsAsTheScenarioWhosePeakSetsTheirRate() {
        int peakClients = Scenario.named("insert-16").clients();
        for (String paced : List.of("fast-pair-paced", "slow-receiver-paced", "half-load-latency")) {
            assertTrue(Scenario.named(paced).paced(), paced);
            assertTrue(Scenario.named(paced).clients() >= peakClients, paced);
        }
    }

    @Test
    void batch100StaysLastAndOnlyTheCapacityScenarioIsBounded() {
        var names = Scenario.names();
        // batch-100 leaves a backlog and the largest delete behind: nothing may run after it
        assertEquals("batch-100", names.get(names.size() - 1));
        assertEquals(2000, Scenario.named("batch-fanout").maxBacklog());
        assertEquals(10, Scenario.named("batch-fanout").fastWebhooksPerBase());
        Scenario.ALL.stream().filter(scenario -> !scenario.name().equals("batch-fanout"))
                .forEach(scenario -> assertEquals(Scenario.UNBOUNDED, scenario.maxBacklog(), scenario.name()));
    }

    @Test
    void aBoundedClientWaitsOnlyWhileTheSlowestWebhookIsBeyondTheBound() {
        assertFalse(ScenarioRun.tooFarBehind(5_000, 3_000, 2_000));
        assertTrue(ScenarioRun.tooFarBehind(5_001, 3_000, 2_000));
        assertFalse(ScenarioRun.tooFarBehind(1_000_000, 0, Scenario.UNBOUNDED));
    }
}
