package io.basehook.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Basehook in a process of its own, started with {@code main} on the test's classpath, so a test can kill it
 * ({@code kill -9}) or stop it (SIGTERM) the way an operator or a crash would.
 */
final class ChildBasehook implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final boolean embedded;

    private ChildBasehook(Process process, int port, Path log, boolean embedded) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.embedded = embedded;
    }

    /** Starts an instance on {@code databaseUrl} and waits until it answers {@code /health}. */
    static ChildBasehook start(String databaseUrl, Map<String, String> environment) {
        return start(databaseUrl, environment, List.of("-Xmx256m"));
    }

    /** {@link #start(String, Map)} with these JVM options (e.g. another {@code -Xmx}). */
    static ChildBasehook start(String databaseUrl, Map<String, String> environment, List<String> jvmOptions) {
        Map<String, String> env = new HashMap<>(RunningBasehook.databaseLogin());
        env.put("BASEHOOK_DB_URL", databaseUrl);
        env.putAll(environment);
        ChildBasehook child = launch(env, Set.of(), jvmOptions);
        child.awaitHealthy(Duration.ofSeconds(60));
        return child;
    }

    /** Launches an instance on {@code databaseUrl} without waiting for it (to see it refuse to start, say). */
    static ChildBasehook launch(String databaseUrl, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(RunningBasehook.databaseLogin());
        env.put("BASEHOOK_DB_URL", databaseUrl);
        env.putAll(environment);
        return launch(env, Set.of(), List.of("-Xmx256m"));
    }

    /**
     * Starts an instance on an embedded MariaDB of its own in {@code dataDir} (no {@code BASEHOOK_DB_URL}) and
     * waits until it answers {@code /health}; a first start on a folder unpacks and installs the server.
     */
    static ChildBasehook startEmbedded(Path dataDir, Map<String, String> environment) {
        ChildBasehook child = launchEmbedded(dataDir, environment);
        child.awaitHealthy(Duration.ofSeconds(240));
        return child;
    }

    /** Launches an instance on an embedded MariaDB in {@code dataDir} without waiting for it. */
    static ChildBasehook launchEmbedded(Path dataDir, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("BASEHOOK_DATA_DIR", dataDir.toString());
        return launch(env, Set.of("BASEHOOK_DB_URL", "BASEHOOK_DB_USER", "BASEHOOK_DB_PASSWORD",
                "BASEHOOK_DATA_DIR_DISPOSABLE"), List.of("-Xmx256m"));
    }

    private static ChildBasehook launch(Map<String, String> environment, Set<String> inheritedNot,
                                        List<String> jvmOptions) {
        try {
            int port = freePort();
            Path log = Files.createTempFile("basehook-child", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Basehook.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeAll(inheritedNot);
            env.put("BASEHOOK_ADMIN_TOKEN", RunningBasehook.ADMIN_TOKEN);
            env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            env.put("BASEHOOK_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
            env.putAll(environment);
            return new ChildBasehook(builder.start(), port, log, !environment.containsKey("BASEHOOK_DB_URL"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code count} instances side by side (their JVMs boot in parallel); all of them or none. */
    static List<ChildBasehook> startAll(int count, String databaseUrl, Map<String, String> environment) {
        ExecutorService starter = Executors.newFixedThreadPool(count);
        try {
            List<Future<ChildBasehook>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starting.add(starter.submit(() -> start(databaseUrl, environment)));
            }
            List<ChildBasehook> started = new ArrayList<>();
            AssertionError failure = null;
            for (Future<ChildBasehook> child : starting) {
                try {
                    started.add(child.get());
                } catch (ExecutionException e) {
                    failure = new AssertionError("an instance did not start", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new AssertionError("interrupted while instances started", e);
                }
            }
            if (failure != null) {
                started.forEach(ChildBasehook::close);
                throw failure;
            }
            return started;
        } finally {
            starter.shutdownNow();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the instance still ran after " + timeout + "; log:\n" + log());
        }
        return process.exitValue();
    }

    /** The port of the embedded MariaDB this instance started, as its log tells. */
    int embeddedDatabasePort() {
        Matcher port = Pattern.compile("started an embedded MariaDB on port (\\d+)").matcher(log());
        if (!port.find()) {
            throw new AssertionError("no embedded MariaDB in the log:\n" + log());
        }
        return Integer.parseInt(port.group(1));
    }

    /** SIGTERM, then waits for the process to exit by itself; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the instance did not stop within " + timeout + "; log: " + log);
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String told = log();
        close();
        throw new AssertionError("the instance did not become healthy; log:\n" + told);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (embedded && process.isAlive()) {
            // SIGTERM: a killed JVM would leave its embedded MariaDB running
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
    }

}
