package io.basehook.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.basehook.benchmark.ScenarioResult.Latency;
import io.basehook.benchmark.ScenarioResult.ReceiverResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints a block per scenario and a final table, and writes both as markdown and JSON. */
final class Report {

    private final Map<String, Object> settings;
    private final List<ScenarioResult> results = new ArrayList<>();

    Report(Map<String, Object> settings) {
        this.settings = settings;
    }

    /** A setting known only once the run is under way (how long the warm-up took). */
    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void add(ScenarioResult result, PrintStream out) {
        results.add(result);
        out.println(block(result));
        out.flush();
    }

    static String block(ScenarioResult r) {
        StringBuilder b = new StringBuilder();
        b.append("== ").append(r.name()).append(": ").append(r.description()).append(" ==\n");
        line(b, "changes accepted", "%s /s  (%d changes in %d requests, %s /s; %d errors)",
                rate(r.changesPerSecond()), r.changesAccepted(), r.requests(), rate(r.requestsPerSecond()), r.errors());
        if (r.targetRate() > 0) {
            boolean kept = r.changesPerSecond() >= 0.95 * r.targetRate();
            line(b, "paced", "target %s /s, %s", rate(r.targetRate()),
                    kept ? "kept" : "NOT kept: the clients fell behind, so this is not a half-load figure; try a lower --rate");
        }
        if (r.firstError() != null) {
            line(b, "first error", "%s", r.firstError());
        }
        if (r.webhooks() > 0) {
            line(b, "deliveries", "%s /s completed", rate(r.deliveriesPerSecond()));
            line(b, "answer -> arrival", "%s", latency(r.deliveryLatency()));
        }
        line(b, "API latency", "%s", latency(r.apiLatency()));
        if (r.webhooks() > 0) {
            line(b, "lost / duplicated", "%d / %d   (feed holds %d events; last delivery %s after the last answer%s)",
                    r.lost(), r.duplicates(), r.feedEvents(), seconds(r.drainSeconds()), r.drained() ? "" : ", drain NOT complete");
        } else {
            line(b, "feed", "%d events", r.feedEvents());
        }
        if (r.acknowledgedMissingFromFeed() > 0) {
            line(b, "MISSING FROM FEED", "%d answered changes have no event", r.acknowledgedMissingFromFeed());
        }
        ResourceSampler.Usage u = r.usage();
        if (u.servicePeakRssMib() >= 0) {
            line(b, "service", "peak RSS %d MiB, CPU %s avg, %s peak (100%% = one core)",
                    u.servicePeakRssMib(), percent(u.serviceCpuAvg()), percent(u.serviceCpuPeak()));
        }
        if (u.databasePeakRssMib() >= 0) {
            line(b, "database server", "peak RSS %d MiB, CPU %s avg", u.databasePeakRssMib(), percent(u.databaseCpuAvg()));
        }
        line(b, "benchmark itself", "CPU %s avg", percent(u.benchmarkCpuAvg()));
        cpuPerDelivery(r, Runtime.getRuntime().availableProcessors())
                .ifPresent(text -> line(b, "CPU per delivery", "%s", text));
        if (r.receivers().size() > 1) {
            for (ReceiverResult rr : r.receivers()) {
                line(b, "  webhook " + rr.name(), "%s /s, %s; %d of %d events%s, %d dup",
                        rate(rr.deliveriesPerSecond()), latency(rr.latency()), rr.expected() - rr.lost(), rr.expected(),
                        rr.slow() && rr.lost() > 0 ? " (rest not awaited)" : "", rr.duplicates());
            }
        }
        return b.toString();
    }

    /**
     * What one delivery cost each process of this machine in CPU time, and the rate the machine's cores would carry
     * at that cost: where the service, its database and the benchmark share the cores, a rate target is met only if
     * the three together stay under cores / rate (100 µs a delivery for 20,000/s on two cores). Empty without a
     * delivery rate or the service's CPU; the ceiling only when the database was sampled too.
     */
    static Optional<String> cpuPerDelivery(ScenarioResult r, int cores) {
        ResourceSampler.Usage u = r.usage();
        double perSecond = r.deliveriesPerSecond();
        if (r.webhooks() == 0 || perSecond <= 0 || u.serviceCpuAvg() < 0) {
            return Optional.empty();
        }
        double service = micros(u.serviceCpuAvg(), perSecond);
        double benchmark = u.benchmarkCpuAvg() < 0 ? 0 : micros(u.benchmarkCpuAvg(), perSecond);
        if (u.databaseCpuAvg() < 0) {
            return Optional.of(String.format(Locale.ROOT, "service %.0f µs, benchmark %.0f µs (database not sampled)",
                    service, benchmark));
        }
        double database = micros(u.databaseCpuAvg(), perSecond);
        double total = service + database + benchmark;
        return Optional.of(String.format(Locale.ROOT, "service %.0f µs, database %.0f µs, benchmark %.0f µs: %.0f µs, "
                + "so %d cores carry at most %,.0f /s at this cost", service, database, benchmark, total, cores,
                cores * 1_000_000 / total));
    }

    /** CPU time per delivery in µs, from a share of one core in percent. */
    private static double micros(double percentOfCore, double perSecond) {
        return percentOfCore / 100 * 1_000_000 / perSecond;
    }

    void printTable(PrintStream out) {
        out.println(markdownTable());
        slowReceiverEffect().ifPresent(out::println);
    }

    /**
     * What the slow endpoint costs the fast one beside it: the first fast webhook of slow-receiver against the same
     * webhook of fast-pair, where the other endpoint answers at once. Both insert the same two deliveries per row,
     * so the difference is the slowness alone; against insert-4 it would include the second delivery's cost. The
     * closed-loop pair tells throughput; the paced pair, at one rate for both, tells latency (in the closed loop the
     * fast webhook beside the slow one also gets more inserts a second, and its latency grows with them).
     */
    Optional<String> slowReceiverEffect() {
        StringBuilder text = new StringBuilder();
        effect("slow-receiver", "fast-pair").ifPresent(text::append);
        effect("slow-receiver-paced", "fast-pair-paced").ifPresent(text::append);
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }

    private Optional<String> effect(String withSlow, String baseline) {
        Optional<ReceiverResult> slow = firstFast(withSlow);
        Optional<ReceiverResult> pair = firstFast(baseline);
        if (slow.isEmpty() || pair.isEmpty() || pair.get().latency().count() == 0 || slow.get().latency().count() == 0) {
            return Optional.empty();
        }
        ReceiverResult s = slow.get();
        ReceiverResult p = pair.get();
        return Optional.of(String.format(Locale.ROOT, "slow receiver effect on webhook %s (%s against %s): "
                        + "deliveries %s vs %s /s (%s), arrival p50 %s vs %s ms (%s), p99 %s vs %s ms (%s)%n",
                s.name(), withSlow, baseline, rate(s.deliveriesPerSecond()), rate(p.deliveriesPerSecond()),
                change(s.deliveriesPerSecond(), p.deliveriesPerSecond()),
                ms(s.latency().p50()), ms(p.latency().p50()), change(s.latency().p50(), p.latency().p50()),
                ms(s.latency().p99()), ms(p.latency().p99()), change(s.latency().p99(), p.latency().p99())));
    }

    private Optional<ReceiverResult> firstFast(String scenario) {
        return results.stream().filter(r -> r.name().equals(scenario)).reduce((first, second) -> second)
                .flatMap(r -> r.receivers().stream().filter(rr -> !rr.slow()).findFirst());
    }

    private static String change(double value, double baseline) {
        return baseline == 0 ? "–" : String.format(Locale.ROOT, "%+.1f%%", 100 * (value - baseline) / baseline);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Basehook benchmark\n\n");
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n').append(markdownTable()).append('\n');
        slowReceiverEffect().ifPresent(effect -> md.append(effect).append('\n'));
        md.append("""
                changes/s: content changes (rows) the API accepted per second; deliveries/s: webhook requests answered 200
                per second, all webhooks together; arrival: from the API's answer to the webhook request's arrival at the
                receiver (fast receivers only); API: from sending a request to its answer; lost: feed events a fast webhook
                had not received when the drain ended; dup: repeated `webhook-id`s; drain: from the last answer of the API
                to the last delivery to a fast webhook; RSS: peak over the scenario; CPU: average over the measured time
                (100 = one core). Only the measured time counts for rates and latencies, not the warm-up.

                """);
        for (ScenarioResult r : results) {
            md.append("```\n").append(block(r)).append("```\n\n");
        }
        Files.writeString(dir.resolve("benchmark-results.md"), md.toString(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("scenarios", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("benchmark-results.json").toFile(), json);
    }

    private String markdownTable() {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | changes/s | deliveries/s | arrival p50 ms | p95 | p99 | max | API p50 ms | API p99 | lost | dup | drain s | RSS MiB | CPU % | DB RSS MiB | DB CPU % |\n");
        t.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScenarioResult r : results) {
            Latency d = r.deliveryLatency();
            ResourceSampler.Usage u = r.usage();
            boolean hooks = r.webhooks() > 0;
            t.append("| ").append(r.name())
                    .append(" | ").append(rate(r.changesPerSecond()))
                    .append(" | ").append(hooks ? rate(r.deliveriesPerSecond()) : "–")
                    .append(" | ").append(ms(d, d.p50())).append(" | ").append(ms(d, d.p95()))
                    .append(" | ").append(ms(d, d.p99())).append(" | ").append(ms(d, d.max()))
                    .append(" | ").append(ms(r.apiLatency(), r.apiLatency().p50()))
                    .append(" | ").append(ms(r.apiLatency(), r.apiLatency().p99()))
                    .append(" | ").append(hooks ? r.lost() + (r.drained() ? "" : "*") : "–")
                    .append(" | ").append(hooks ? Long.toString(r.duplicates()) : "–")
                    .append(" | ").append(hooks ? seconds(r.drainSeconds()).replace(" s", "") : "–")
                    .append(" | ").append(num(u.servicePeakRssMib()))
                    .append(" | ").append(cpu(u.serviceCpuAvg()))
                    .append(" | ").append(num(u.databasePeakRssMib()))
                    .append(" | ").append(cpu(u.databaseCpuAvg()))
                    .append(" |\n");
        }
        if (results.stream().anyMatch(r -> r.webhooks() > 0 && !r.drained())) {
            t.append("\n\\* the drain ended before every event arrived (deadline or no progress): lost counts what was still missing\n");
        }
        return t.toString();
    }

    private static void line(StringBuilder b, String label, String format, Object... args) {
        b.append(String.format(Locale.ROOT, "  %-19s ", label)).append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String latency(Latency l) {
        if (l.count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s ms  (n=%d)",
                ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.max()), l.count());
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    // a latency can be negative in principle (a delivery may beat the API's answer), so emptiness is the count
    private static String ms(Latency of, double millis) {
        return of.count() == 0 ? "–" : ms(millis);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    private static String percent(double p) {
        return p < 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", p);
    }

    private static String cpu(double p) {
        return p < 0 ? "–" : String.format(Locale.ROOT, "%.0f", p);
    }

    private static String num(long n) {
        return n < 0 ? "–" : Long.toString(n);
    }
}
