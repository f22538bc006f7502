package io.basehook.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drives a Basehook over its public HTTP API with the scenarios of the performance issue and reports throughput,
 * delivery latency, API latency, lost and duplicated events, and the service's memory and CPU.
 */
public final class Benchmark {

    private static final Set<String> PEAK_SCENARIOS = Set.of("insert-1", "insert-4", "insert-16");
    /** What the service warm-up runs, in equal parts: the write path, updates and deletes, fan-out. */
    private static final List<String> SERVICE_WARMUP = List.of("insert-16", "mixed", "fanout-10");
    /** The compiler's share of a core below which the service counts as warm. */
    private static final double JIT_SETTLED = 0.10;
    /** The loopback floor's shape: batch-fanout's ten webhooks, each at Basehook's default of 16 connections. */
    private static final int LOOPBACK_FLOOR_RECEIVERS = 10;
    private static final int LOOPBACK_FLOOR_CONNECTIONS = 16;
    private static final Duration LOOPBACK_FLOOR_WARMUP = Duration.ofSeconds(2);
    private static final String LOOPBACK_FLOOR_LINE = "  loopback floor: ";
    /** A further round of warm-up while the compiler is still busy. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(15);

    private Benchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, defaultOut());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(run(options));
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            System.exit(1);
        }
    }

    private static int run(Options options) throws Exception {
        // first, on a machine that nothing of the run loads yet: the same figure under a running service would
        // measure the service's idle threads and its database too
        String floor = loopbackFloor(options);
        if (options.loopbackFloorOnly) {
            return 0;
        }
        Path runDir = options.out.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);
        ServiceProcess service = null;
        Thread stopOnExit = null;
        List<String> createdBases = new ArrayList<>();
        try {
            List<BasehookApi> apis = new ArrayList<>();
            List<Long> pids = options.pids;
            if (options.startsService()) {
                String token = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                System.out.println("starting " + options.jar + " (" + database() + "), log in " + runDir.resolve("basehook.log"));
                long started = System.nanoTime();
                service = ServiceProcess.start(options.jar, options.javaOpts, runDir, token);
                ServiceProcess toStop = service;
                // Ctrl-C must not leave Basehook and its MariaDB running
                stopOnExit = new Thread(toStop::close, "stop-basehook");
                Runtime.getRuntime().addShutdownHook(stopOnExit);
                System.out.printf("Basehook is up at %s after %.1f s (pid %d)%n", service.root(), (System.nanoTime() - started) / 1e9, service.pid());
                apis.add(new BasehookApi(service.root(), token));
                pids = List.of(service.pid());
            } else {
                for (URI url : options.urls) {
                    BasehookApi api = new BasehookApi(url, options.token);
                    if (!api.healthy()) {
                        System.err.println(url + "/health does not answer 200");
                        return 1;
                    }
                    apis.add(api);
                }
            }
            BasehookApi api = apis.get(0);

            try (ResourceSampler sampler = new ResourceSampler(pids,
                    ResourceSampler.onThisMachine(System.getenv("BASEHOOK_DB_URL")))) {
                Map<String, Object> settings = settings(options, sampler);
                if (floor != null) {
                    settings.put("loopback floor", floor);
                }
                Report report = new Report(settings);
                long perScenario = options.warmup.plus(options.duration).toSeconds();
                System.out.printf("%d scenarios, %d s of load each (+ setup and drain, at most %d s)%n%n",
                        options.scenarios.size(), perScenario, options.drain.toSeconds());
                Duration warmedUp = warmUpService(options, apis, sampler, createdBases);
                report.setting("service warm-up", String.format(Locale.ROOT, "%d s (unmeasured, before the first "
                        + "scenario; at least %d s, then while the JIT compiled, at most %d s)", warmedUp.toSeconds(),
                        options.serviceWarmup.toSeconds(), options.serviceWarmupMax.toSeconds()));
                List<ScenarioResult> results = new ArrayList<>();
                for (String name : options.scenarios) {
                    ScenarioResult result = run(new ScenarioRun(Scenario.named(name), options, apis, sampler,
                            rate(options, results)), createdBases);
                    results.add(result);
                    report.add(result, System.out);
                }
                report.printTable(System.out);
                report.write(options.out);
                System.out.println("written: " + options.out.resolve("benchmark-results.md") + " and .json");
            } finally {
                deleteBases(options, api, createdBases);
            }
            return 0;
        } finally {
            if (service != null) {
                System.out.println("stopping Basehook");
                service.close();
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                if (!options.keepData) {
                    service.deleteData();
                }
            }
        }
    }

    /**
     * What a webhook request and its 200 cost this machine on loopback alone, so that each scenario's CPU per
     * delivery can be read against it: the part no engine can save. Null when skipped. Measured in a JVM of its
     * own: run in this one, the clients' and receivers' threads of the scenario after it used up to half as much
     * CPU again (insert-16 in alternating runs against one service), so what the floor compiles and leaves behind
     * stays out of the scenarios' figures.
     */
    private static String loopbackFloor(Options options) throws IOException, InterruptedException {
        if (options.loopbackFloor.isZero() || options.loopbackFloor.isNegative()) {
            return null;
        }
        if (!options.loopbackFloorOnly) {
            return loopbackFloorApart(options.loopbackFloor);
        }
        List<Receiver> receivers = new ArrayList<>();
        try {
            for (int i = 1; i <= LOOPBACK_FLOOR_RECEIVERS; i++) {
                receivers.add(new Receiver("floor" + i, Duration.ZERO, "127.0.0.1"));
            }
            System.out.printf("measuring the loopback floor for %d s (no Basehook, no database)%n",
                    options.loopbackFloor.toSeconds());
            LoopbackFloor.Result result = LoopbackFloor.measure(receivers, LOOPBACK_FLOOR_CONNECTIONS,
                    LOOPBACK_FLOOR_WARMUP, options.loopbackFloor);
            String text = result.describe(Runtime.getRuntime().availableProcessors());
            System.out.println(LOOPBACK_FLOOR_LINE + text);
            return text;
        } finally {
            receivers.forEach(Receiver::close);
        }
    }

    /** The floor measured by this benchmark's own code in a fresh JVM; its output is passed through. */
    private static String loopbackFloorApart(Duration length) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Benchmark.class.getName(), "--loopback-floor-only", "--loopback-floor", length.toMillis() + "ms")
                .redirectErrorStream(true).start();
        String text = null;
        try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println(line);
                if (line.startsWith(LOOPBACK_FLOOR_LINE)) {
                    text = line.substring(LOOPBACK_FLOOR_LINE.length());
                }
            }
        }
        int exit = process.waitFor();
        System.out.println();
        if (exit != 0 || text == null) {
            System.out.println("the loopback floor could not be measured (exit " + exit + "); the scenarios go on");
        }
        return text;
    }

    /** Runs a scenario and notes the bases it created, whether it finished or not. */
    private static ScenarioResult run(ScenarioRun run, List<String> createdBases) throws IOException, InterruptedException {
        try {
            return run.run();
        } finally {
            createdBases.addAll(run.baseIds());
        }
    }

    /**
     * The scenarios' bases go after the last scenario, not after each (see {@link ScenarioRun}): a base's delete
     * cascades through all its events, deliveries and attempts, and the database's purge of them would be measured
     * as part of the next scenario.
     */
    private static void deleteBases(Options options, BasehookApi api, List<String> baseIds) {
        if (options.keepData || baseIds.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        for (String baseId : baseIds) {
            try {
                api.deleteBase(baseId);
            } catch (IOException e) {
                System.err.println("could not delete base " + baseId + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.printf("deleted the run's %d bases in %.1f s%n", baseIds.size(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * On two cores the JIT compiles for about the first minute under load and takes most of a core while it does:
     * figures measured then describe the compiler, not the service (insert-16 ran at 660/s while C2 was still
     * busy, at 1,440-1,520/s on the same instance once it was done). The warm-up is load like any scenario's and
     * checked like any: its lost and duplicated events are printed, only its figures stay out of the report. Where
     * the service's compiler threads can be read, it goes on in rounds while they were still busy, up to a bound.
     */
    private static Duration warmUpService(Options options, List<BasehookApi> apis, ResourceSampler sampler,
                                          List<String> createdBases) throws Exception {
        if (options.serviceWarmup.isZero() || options.serviceWarmup.isNegative()) {
            return Duration.ZERO;
        }
        System.out.printf("warming the service up for %d s (%s), not measured%n", options.serviceWarmup.toSeconds(),
                String.join(", ", SERVICE_WARMUP));
        Duration round = options.serviceWarmup;
        Duration spent = Duration.ZERO;
        while (true) {
            long started = System.nanoTime();
            double compilerBefore = sampler.compilerCpuSeconds();
            warmUpRound(options.serviceWarmupPart(round.dividedBy(SERVICE_WARMUP.size())), apis, sampler, createdBases);
            long elapsed = System.nanoTime() - started;
            double seconds = elapsed / 1e9;
            spent = spent.plusNanos(elapsed);
            double compilerAfter = sampler.compilerCpuSeconds();
            if (compilerBefore < 0 || compilerAfter < 0) {
                break; // the compiler threads cannot be seen: the fixed warm-up is all there is
            }
            double busy = (compilerAfter - compilerBefore) / seconds;
            System.out.printf("  JIT compiler threads: %.0f%% of a core over the last %.0f s%n", busy * 100, seconds);
            if (busy <= JIT_SETTLED || spent.plus(WARMUP_ROUND).compareTo(options.serviceWarmupMax) > 0) {
                if (busy > JIT_SETTLED) {
                    System.out.println("  the JIT is still compiling, but --service-warmup-max is reached");
                }
                break;
            }
            round = WARMUP_ROUND;
        }
        System.out.printf("warm-up took %d s%n%n", spent.toSeconds());
        return spent;
    }

    private static void warmUpRound(Options part, List<BasehookApi> apis, ResourceSampler sampler, List<String> createdBases)
            throws Exception {
        for (String name : SERVICE_WARMUP) {
            ScenarioResult result = run(new ScenarioRun(Scenario.named(name), part, apis, sampler, part.rate), createdBases);
            System.out.printf("  %s: %.0f changes/s, %.0f deliveries/s, %d lost, %d duplicated%n", name,
                    result.changesPerSecond(), result.deliveriesPerSecond(), result.lost(), result.duplicates());
        }
    }

    // "about half the peak": the best single-base insert figure of this run, when asked for and available
    private static int rate(Options options, List<ScenarioResult> earlier) {
        if (!options.autoRate) {
            return options.rate;
        }
        double best = earlier.stream().filter(r -> PEAK_SCENARIOS.contains(r.name()))
                .mapToDouble(ScenarioResult::changesPerSecond).max().orElse(0);
        return best >= 2 ? (int) Math.round(best / 2) : options.rate;
    }

    private static Map<String, Object> settings(Options options, ResourceSampler sampler) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("date", LocalDateTime.now().withNano(0).toString());
        settings.put("target", options.startsService() ? "started from " + options.jar
                : options.urls.size() == 1 ? options.urls.get(0).toString()
                : options.urls.size() + " instances on one database (" + options.urls.stream().map(URI::toString)
                .collect(Collectors.joining(", ")) + "; client i writes through instance i mod "
                + options.urls.size() + "; service CPU is their sum, peak RSS the largest instance's)");
        settings.put("database", options.startsService() ? database()
                : sampler.databasePid().isPresent() ? "sampled as process " + sampler.databasePid().get()
                : "as configured in the instance");
        if (options.startsService()) {
            settings.put("service JVM options", options.javaOpts.isEmpty() ? "(none)" : String.join(" ", options.javaOpts));
        }
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        settings.put("service warm-up", options.serviceWarmup.toMillis() / 1000.0 + " s (unmeasured, before the first scenario)");
        settings.put("warmup", options.warmup.toMillis() / 1000.0 + " s");
        settings.put("duration", options.duration.toMillis() / 1000.0 + " s");
        settings.put("drain limit", options.drain.toMillis() / 1000.0 + " s");
        settings.put("rate (half-load-latency)", options.autoRate
                ? "auto: half the best of insert-1/4/16 (else " + options.rate + "/s)" : options.rate + "/s");
        settings.put("slow receiver delay", options.slowDelay.toMillis() + " ms");
        settings.put("scenarios", List.copyOf(options.scenarios));
        settings.put("service sampled", sampler.samplesService());
        return settings;
    }

    // only the host part of the URL: it may carry a password as a parameter
    private static String database() {
        String url = System.getenv("BASEHOOK_DB_URL");
        if (url == null || url.isBlank()) {
            return "embedded MariaDB";
        }
        int query = url.indexOf('?');
        return "BASEHOOK_DB_URL " + (query < 0 ? url : url.substring(0, query));
    }

    // benchmark/target, wherever the command is run from: the jar (or classes folder) lives in it
    private static Path defaultOut() {
        try {
            Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = location.getParent();
            if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target")) {
                return parent;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory's guess
        }
        return Path.of("benchmark", "target");
    }
}
