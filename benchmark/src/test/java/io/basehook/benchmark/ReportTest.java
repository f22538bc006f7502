package io.basehook.benchmark;

import io.basehook.benchmark.ScenarioResult.Latency;
import io.basehook.benchmark.ScenarioResult.ReceiverResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private final Report report = new Report(new LinkedHashMap<>());
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theSlowReceiversEffectComparesTheFastWebhookWithItsTwinInTheFastPair() {
        report.add(result("fast-pair", fast("b1-fast1", 500, 2.0, 10.0), fast("b1-fast2", 500, 2.2, 11.0)), quiet);
        report.add(result("slow-receiver", fast("b1-fast1", 450, 2.5, 12.0), slow("b1-slow")), quiet);

        String effect = report.slowReceiverEffect().orElseThrow();

        assertEquals("slow receiver effect on webhook b1-fast1 (slow-receiver against fast-pair): deliveries 450.0 vs "
                + "500.0 /s (-10.0%), arrival p50 2.5 vs 2.0 ms (+25.0%), p99 12.0 vs 10.0 ms (+20.0%)"
                + System.lineSeparator(), effect);
    }

    @Test
    void thePacedPairIsComparedOnALineOfItsOwnAndTheLastRunOfAScenarioCounts() {
        report.add(result("fast-pair-paced", fast("b1-fast1", 700, 9.0, 90.0)), quiet);
        report.add(result("fast-pair-paced", fast("b1-fast1", 700, 2.0, 20.0)), quiet);
        report.add(result("slow-receiver-paced", fast("b1-fast1", 693, 2.2, 19.0), slow("b1-slow")), quiet);

        String effect = report.slowReceiverEffect().orElseThrow();

        assertTrue(effect.startsWith("slow receiver effect on webhook b1-fast1 (slow-receiver-paced against "
                + "fast-pair-paced): deliveries 693.0 vs 700.0 /s (-1.0%), arrival p50 2.2 vs 2.0 ms (+10.0%), "
                + "p99 19.0 vs 20.0 ms (-5.0%)"), effect);
        assertEquals(1, effect.lines().count());
    }

    @Test
    void withoutBothScenariosOfAPairThereIsNoEffect() {
        report.add(result("slow-receiver", fast("b1-fast1", 450, 2.5, 12.0), slow("b1-slow")), quiet);
        report.add(result("fast-pair-paced", fast("b1-fast1", 700, 2.0, 20.0)), quiet);

        assertEquals(Optional.empty(), report.slowReceiverEffect());
    }

    @Test
    void cpuPerDeliveryAddsUpTheProcessesAndSaysWhatRateTheCoresCarryAtThatCost() {
        // 8,000 deliveries/s with the service at 80 %, the database at 72 % and the benchmark at 32 % of a core
        ScenarioResult measured = withUsage(result("batch-fanout", fast("b1-fast1", 8000, 1.0, 5.0)),
                new ResourceSampler.Usage(300, 80, 95, 250, 72, 32));

        assertEquals(Optional.of("service 100 µs, database 90 µs, benchmark 40 µs: 230 µs, so 2 cores carry at most "
                + "8,696 /s at this cost"), Report.cpuPerDelivery(measured, 2));
        assertTrue(Report.block(measured).contains("CPU per delivery"), Report.block(measured));
    }

    @Test
    void withoutTheDatabasesCpuThereIsNoCeilingAndWithoutDeliveriesNoLine() {
        ScenarioResult remoteDatabase = withUsage(result("batch-fanout", fast("b1-fast1", 8000, 1.0, 5.0)),
                new ResourceSampler.Usage(300, 80, 95, -1, -1, 32));
        assertEquals(Optional.of("service 100 µs, benchmark 40 µs (database not sampled)"),
                Report.cpuPerDelivery(remoteDatabase, 2));

        ScenarioResult nothingDelivered = withUsage(result("batch-fanout", fast("b1-fast1", 0, 1.0, 5.0)),
                new ResourceSampler.Usage(300, 80, 95, 250, 72, 32));
        assertEquals(Optional.empty(), Report.cpuPerDelivery(nothingDelivered, 2));
        assertEquals(Optional.empty(), Report.cpuPerDelivery(result("insert-1", fast("b1-fast1", 300, 1.0, 5.0)), 2));
    }

    private static ScenarioResult withUsage(ScenarioResult r, ResourceSampler.Usage usage) {
        return new ScenarioResult(r.name(), r.description(), r.clients(), r.bases(), r.webhooks(), r.measuredSeconds(),
                r.changesAccepted(), r.changesPerSecond(), r.requests(), r.requestsPerSecond(), r.deliveriesPerSecond(),
                r.targetRate(), r.deliveryLatency(), r.apiLatency(), r.feedEvents(), r.lost(), r.duplicates(),
                r.acknowledgedMissingFromFeed(), r.errors(), r.firstError(), r.drainSeconds(), r.drained(), usage,
                r.receivers());
    }

    private static ReceiverResult fast(String name, double perSecond, double p50, double p99) {
        return new ReceiverResult(name, false, 1000, 1000, 1000, 0, 0, 0, perSecond,
                new Latency(1000, p50, p99 * 0.8, p99, p99 * 2));
    }

    private static ReceiverResult slow(String name) {
        return new ReceiverResult(name, true, 1000, 80, 80, 920, 0, 0, 80, new Latency(80, 14000, 14500, 14900, 15000));
    }

    private static ScenarioResult result(String name, ReceiverResult... receivers) {
        double deliveries = List.of(receivers).stream().mapToDouble(ReceiverResult::deliveriesPerSecond).sum();
        return new ScenarioResult(name, name, 4, 1, receivers.length, 15, 7500, 500, 7500, 500, deliveries, -1,
                receivers[0].latency(), new Latency(7500, 7, 20, 40, 60), 7500, 0, 0, 0, 0, null, 0.01, true,
                ResourceSampler.Usage.NONE, List.of(receivers));
    }
}
