package io.basehook.benchmark;

import java.util.Arrays;
import java.util.List;

/** Figures of one scenario; times in milliseconds, rates per second, -1 where not measured or not paced. */
record ScenarioResult(
        String name,
        String description,
        int clients,
        int bases,
        int webhooks,
        double measuredSeconds,
        long changesAccepted,
        double changesPerSecond,
        long requests,
        double requestsPerSecond,
        double deliveriesPerSecond,
        double targetRate,
        Latency deliveryLatency,
        Latency apiLatency,
        long feedEvents,
        long lost,
        long duplicates,
        long acknowledgedMissingFromFeed,
        long errors,
        String firstError,
        double drainSeconds,
        boolean drained,
        ResourceSampler.Usage usage,
        List<ReceiverResult> receivers) {

    /** Nearest-rank percentiles of a set of durations. */
    record Latency(int count, double p50, double p95, double p99, double max) {

        static final Latency NONE = new Latency(0, -1, -1, -1, -1);

        static Latency ofNanos(long[] nanos) {
            if (nanos.length == 0) {
                return NONE;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.95)),
                    millis(rank(sorted, 0.99)), millis(sorted[sorted.length - 1]));
        }

        private static long rank(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 10_000.0) / 100.0;
        }
    }

    /**
     * One webhook's endpoint. {@code lost}: events of the feed it had not received when the drain ended; for the
     * slow receiver that is its backlog, since nobody waits for it.
     */
    record ReceiverResult(String name, boolean slow, int expected, int received, int distinct, int lost, int duplicates,
                          int unexpected, double deliveriesPerSecond, Latency latency) {
    }
}
