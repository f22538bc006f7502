package io.basehook.benchmark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Command-line settings; every one has a default so that the bare command runs the whole suite in about five minutes. */
final class Options {

    static final String USAGE = """
            Usage: java -jar benchmark/target/basehook-benchmark.jar [options]

              --scenarios a,b,...   which scenarios to run (default: all, in this order)
                                    %s
              --duration 15s        measured time per scenario
              --warmup 5s           load before the measured time, left out of every figure
              --drain 20s           after the load, how long to wait at most for the deliveries to arrive
              --service-warmup 45s  before the first scenario, unmeasured load (insert-16, mixed, fanout-10) so
                                    that the service's JIT has compiled its hot paths; 0 measures it cold
              --service-warmup-max 150s  where the service's JIT compiler threads are visible (a started
                                    Basehook, or --pid), the warm-up goes on in rounds of the same load
                                    while they still used over 10%% of a core in the last round, up to this
              --rate 700            changes per second of the paced scenarios (half-load-latency and the paced
                                    pair of the slow receiver); "auto": half
                                    the best rate of insert-1/4/16 measured earlier in the same run
              --slow-delay 200ms    how long the slow receiver of slow-receiver waits before its 200
              --jar PATH            Basehook's shaded jar to start (default bootstrap/target/basehook.jar)
              --java-opts "..."     JVM options for the started Basehook (default, as the README runs it:
                                    "-Xmx256m -XX:TrimNativeHeapInterval=5000"; "" for the JVM's defaults)
              --url http://host:port  drive an already running Basehook instead of starting one; several,
                                    comma-separated, drive instances that share one database: client i
                                    writes through instance i mod n (setup and checks go to the first)
              --token TOKEN         its admin token (required with --url; the same for every instance)
              --pid N               its process id, to sample RSS and CPU (only with --url); with several
                                    instances their ids in the same order (CPU is their sum, RSS the
                                    largest instance's)
              --receiver-host H     the address the instance reaches this machine at (default 127.0.0.1)
              --out DIR             where results and the run folder go (default benchmark/target)
              --keep-data           keep each scenario's bases (deleted after the last scenario otherwise),
                                    and the started Basehook's data folder
              --loopback-floor 5s   before anything else, how long to measure what a webhook request and its
                                    200 cost this machine on loopback with no Basehook and no database (one
                                    sender, 10 receivers, 16 connections each, as in batch-fanout); 0 skips it
              --loopback-floor-only measure only that, then stop (no Basehook is started or driven)

            Started by the benchmark, Basehook uses the embedded MariaDB in a fresh folder under --out, or the
            server in BASEHOOK_DB_URL / BASEHOOK_DB_USER / BASEHOOK_DB_PASSWORD when set (use a dedicated database).
            """;

    List<String> scenarios = Scenario.names();
    Duration duration = Duration.ofSeconds(15);
    Duration warmup = Duration.ofSeconds(5);
    Duration drain = Duration.ofSeconds(20);
    Duration serviceWarmup = Duration.ofSeconds(45);
    Duration serviceWarmupMax = Duration.ofSeconds(150);
    int rate = 700;
    boolean autoRate;
    Duration slowDelay = Duration.ofMillis(200);
    Path jar;
    List<String> javaOpts = List.of("-Xmx256m", "-XX:TrimNativeHeapInterval=5000");
    List<URI> urls = List.of();
    String token;
    List<Long> pids = List.of();
    String receiverHost = "127.0.0.1";
    Path out;
    boolean keepData;
    Duration loopbackFloor = Duration.ofSeconds(5);
    boolean loopbackFloorOnly;

    /** The help text, with every scenario's name. */
    static String usage() {
        return String.format(USAGE, String.join(", ", Scenario.names()));
    }

    static Options parse(String[] args, Path defaultOut) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(usage());
                System.exit(0);
            }
            if (arg.equals("--keep-data")) {
                options.keepData = true;
                continue;
            }
            if (arg.equals("--loopback-floor-only")) {
                options.loopbackFloorOnly = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--scenarios" -> options.scenarios = scenarioList(value);
                case "--duration" -> options.duration = duration(value);
                case "--warmup" -> options.warmup = duration(value);
                case "--drain" -> options.drain = duration(value);
                case "--service-warmup" -> options.serviceWarmup = duration(value);
                case "--service-warmup-max" -> options.serviceWarmupMax = duration(value);
                case "--rate" -> {
                    if (value.equalsIgnoreCase("auto")) {
                        options.autoRate = true;
                    } else {
                        options.rate = positive(arg, Integer.parseInt(value));
                    }
                }
                case "--slow-delay" -> options.slowDelay = duration(value);
                case "--jar" -> options.jar = Path.of(value);
                case "--java-opts" -> options.javaOpts = Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                case "--url" -> options.urls = list(value).stream()
                        .map(url -> URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)).toList();
                case "--token" -> options.token = value;
                case "--pid" -> options.pids = list(value).stream().map(Long::parseLong).toList();
                case "--receiver-host" -> options.receiverHost = value;
                case "--out" -> options.out = Path.of(value);
                case "--loopback-floor" -> options.loopbackFloor = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        if (!options.urls.isEmpty() && options.token == null) {
            throw new IllegalArgumentException("--url needs --token (the instance's admin token)");
        }
        if (options.urls.isEmpty() && !options.pids.isEmpty()) {
            throw new IllegalArgumentException("--pid only goes with --url: a started Basehook is sampled anyway");
        }
        if (!options.pids.isEmpty() && options.pids.size() != options.urls.size()) {
            throw new IllegalArgumentException("--pid needs one process id per --url instance, in the same order");
        }
        if (options.duration.isZero() || options.duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (options.loopbackFloorOnly && options.loopbackFloor.isZero()) {
            throw new IllegalArgumentException("--loopback-floor-only needs a --loopback-floor above 0");
        }
        if (options.out == null) {
            options.out = defaultOut;
        }
        if (options.urls.isEmpty() && options.jar == null) {
            options.jar = defaultJar(options.out);
        }
        return options;
    }

    boolean startsService() {
        return urls.isEmpty();
    }

    /** The same settings for one unmeasured part of the service warm-up: load for {@code length}, no warm-up. */
    Options serviceWarmupPart(Duration length) {
        Options part = new Options();
        part.scenarios = scenarios;
        part.duration = length;
        part.warmup = Duration.ZERO;
        part.drain = drain;
        part.rate = rate;
        part.autoRate = autoRate;
        part.slowDelay = slowDelay;
        part.jar = jar;
        part.javaOpts = javaOpts;
        part.urls = urls;
        part.token = token;
        part.pids = pids;
        part.receiverHost = receiverHost;
        part.out = out;
        part.keepData = false;
        part.serviceWarmup = Duration.ZERO;
        part.serviceWarmupMax = Duration.ZERO;
        part.loopbackFloor = Duration.ZERO;
        return part;
    }

    private static List<String> list(String value) {
        List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an empty list: " + value);
        }
        return items;
    }

    private static List<String> scenarioList(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!Scenario.names().contains(trimmed)) {
                throw new IllegalArgumentException("unknown scenario " + trimmed + "; known: " + String.join(", ", Scenario.names()));
            }
            names.add(trimmed);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--scenarios is empty");
        }
        return names;
    }

    /** "15s", "500ms", "2m"; a bare number is seconds. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + value + " (e.g. 15s, 500ms, 2m)");
        }
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    // The README runs the command from the repository root; fall back to the jar's own location otherwise.
    private static Path defaultJar(Path out) {
        Path fromRoot = Path.of("bootstrap", "target", "basehook.jar");
        if (Files.isRegularFile(fromRoot)) {
            return fromRoot;
        }
        Path besideModule = out.toAbsolutePath().normalize().resolve("../../bootstrap/target/basehook.jar").normalize();
        return Files.isRegularFile(besideModule) ? besideModule : fromRoot;
    }
}
