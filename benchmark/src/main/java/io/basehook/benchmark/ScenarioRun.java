package io.basehook.benchmark;

import io.basehook.benchmark.BasehookApi.FeedEvent;
import io.basehook.benchmark.Receiver.Arrival;
import io.basehook.benchmark.ScenarioResult.Latency;
import io.basehook.benchmark.ScenarioResult.ReceiverResult;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one scenario: sets up its bases, tables, webhooks and receivers, loads Basehook for warm-up plus the
 * measured time, waits for the deliveries, compares them with the change feed, and removes its bases again.
 */
final class ScenarioRun {

    // a drain that sees no new arrival for this long is stuck; longer than the first retry (5 s) so a retry can land
    private static final long STALL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final String[] STAGES = {"Lead", "Offer", "Won"};

    /** One base under load; the queues feed the mixed workload (each row updated at most once, deleted at most once). */
    private record Target(String baseId, String tableId, AtomicLong acknowledged,
                          ConcurrentLinkedQueue<String> fresh, ConcurrentLinkedQueue<String> updated) {
    }

    private record Endpoint(Receiver receiver, String baseId, String webhookId) {
    }

    private enum Op { INSERT, UPDATE, DELETE }

    private final Scenario scenario;
    private final Options options;
    /** The instance that sets up, checks and tears down; the clients spread over all of {@code apis}. */
    private final BasehookApi api;
    private final List<BasehookApi> apis;
    private final ResourceSampler sampler;
    private final int rate;
    private final List<Target> targets = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    // "rowId|op_type" -> nanoTime of the API's answer; a mixed run changes each row at most once per op, so keys are unique
    private final Map<String, Long> answers = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private long warmEnd;
    private long end;

    /**
     * {@code apis}: one per instance, all on one database; client {@code i} writes through instance {@code i mod n},
     * so that the clients of one base write through different instances. {@code rate}: changes per second for a
     * paced scenario, ignored by the others.
     */
    ScenarioRun(Scenario scenario, Options options, List<BasehookApi> apis, ResourceSampler sampler, int rate) {
        this.scenario = scenario;
        this.rate = rate;
        this.options = options;
        this.api = apis.get(0);
        this.apis = List.copyOf(apis);
        this.sampler = sampler;
    }

    ScenarioResult run() throws IOException, InterruptedException {
        long setupStart = System.nanoTime();
        try {
            setUp();
            Client[] clients = load();
            long loadEnd = System.nanoTime();
            long deadline = loadEnd + options.drain.toNanos();

            // first wait for what the API acknowledged, so reading the feed does not compete with the deliveries
            Map<String, Integer> acknowledged = new HashMap<>();
            targets.forEach(t -> acknowledged.put(t.baseId(), t.acknowledged().intValue()));
            boolean drained = drain(acknowledged, deadline);
            Map<String, List<FeedEvent>> feed = new HashMap<>();
            Map<String, Integer> feedSizes = new HashMap<>();
            for (Target target : targets) {
                List<FeedEvent> events = api.feed(target.baseId());
                feed.put(target.baseId(), events);
                feedSizes.put(target.baseId(), events.size());
            }
            // the feed may hold more: a change whose answer was lost (an error here) may still have committed
            drained = drained && drain(feedSizes, deadline);
            long finished = System.nanoTime();
            return result(clients, feed, drained, loadEnd, sampler.usage(setupStart, finished, warmEnd, end));
        } finally {
            tearDown();
        }
    }

    private void setUp() throws IOException, InterruptedException {
        for (int b = 0; b < scenario.bases(); b++) {
            String baseId = api.createBase("bench " + scenario.name() + " " + (b + 1));
            String tableId = api.createTable(baseId);
            targets.add(new Target(baseId, tableId, new AtomicLong(), new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>()));
            for (int w = 0; w < scenario.fastWebhooksPerBase(); w++) {
                addEndpoint(baseId, "b" + (b + 1) + "-fast" + (w + 1), Duration.ZERO);
            }
            if (scenario.slowWebhook()) {
                addEndpoint(baseId, "b" + (b + 1) + "-slow", options.slowDelay);
            }
        }
    }

    private void addEndpoint(String baseId, String name, Duration delay) throws IOException, InterruptedException {
        Receiver receiver = new Receiver(name, delay, options.receiverHost);
        try {
            String webhookId = api.createWebhook(baseId, receiver.url(), "benchmark " + scenario.name() + " " + name);
            endpoints.add(new Endpoint(receiver, baseId, webhookId));
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    private Client[] load() throws InterruptedException {
        long start = System.nanoTime();
        warmEnd = start + options.warmup.toNanos();
        end = warmEnd + options.duration.toNanos();
        Client[] clients = new Client[scenario.clients()];
        Thread[] threads = new Thread[clients.length];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = new Client(c, targets.get(c % targets.size()), start);
            threads[c] = new Thread(clients[c], "client-" + scenario.name() + "-" + c);
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return clients;
    }

    /** Whether the slowest fast webhook of a base is more than {@code maxBacklog} events behind what was acknowledged. */
    static boolean tooFarBehind(long acknowledged, long fewestArrived, int maxBacklog) {
        return maxBacklog != Scenario.UNBOUNDED && acknowledged - fewestArrived > maxBacklog;
    }

    /** The distinct events the furthest behind of the base's fast receivers holds. */
    private long fewestArrived(String baseId) {
        long fewest = Long.MAX_VALUE;
        for (Endpoint endpoint : endpoints) {
            if (endpoint.baseId().equals(baseId) && !endpoint.receiver().slow()) {
                fewest = Math.min(fewest, endpoint.receiver().distinctCount());
            }
        }
        return fewest == Long.MAX_VALUE ? 0 : fewest;
    }

    /** Waits until every fast receiver holds as many distinct events as expected for its base, arrivals stall, or --drain is over. */
    private boolean drain(Map<String, Integer> expected, long deadline) throws InterruptedException {
        long lastTotal = -1;
        long lastGrowth = System.nanoTime();
        while (true) {
            boolean complete = endpoints.stream().filter(e -> !e.receiver().slow())
                    .allMatch(e -> e.receiver().distinctCount() >= expected.get(e.baseId()));
            if (complete) {
                return true;
            }
            long now = System.nanoTime();
            long total = endpoints.stream().filter(e -> !e.receiver().slow()).mapToLong(e -> e.receiver().count()).sum();
            if (total != lastTotal) {
                lastTotal = total;
                lastGrowth = now;
            } else if (now - lastGrowth > STALL_NANOS) {
                return false;
            }
            if (now > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    private ScenarioResult result(Client[] clients, Map<String, List<FeedEvent>> feed, boolean drained, long loadEnd,
                                  ResourceSampler.Usage usage) {
        double seconds = (end - warmEnd) / 1e9;
        long changes = 0;
        long requests = 0;
        long errors = 0;
        long acknowledged = 0;
        long lastAnswer = 0;
        List<long[]> apiLatencies = new ArrayList<>();
        for (Client client : clients) {
            lastAnswer = Math.max(lastAnswer, client.lastAnswer);
            changes += client.changesInWindow;
            requests += client.requestsInWindow;
            errors += client.errors;
            acknowledged += client.acknowledged;
            apiLatencies.add(client.apiLatencies.toArray());
        }

        Set<String> feedChanges = new HashSet<>();
        long feedEvents = 0;
        for (List<FeedEvent> events : feed.values()) {
            feedEvents += events.size();
            for (FeedEvent event : events) {
                feedChanges.add(event.rowId() + "|" + event.opType());
            }
        }
        // An answered change has committed, so its event must be in the feed
        long missingFromFeed = answers.keySet().stream().filter(key -> !feedChanges.contains(key)).count();

        List<ReceiverResult> receivers = new ArrayList<>();
        List<long[]> fastLatencies = new ArrayList<>();
        long deliveriesInWindow = 0;
        long lost = 0;
        long duplicates = 0;
        long lastFastDone = 0;
        for (Endpoint endpoint : endpoints) {
            Set<String> expected = new HashSet<>();
            feed.get(endpoint.baseId()).forEach(e -> expected.add(e.id()));
            List<Arrival> arrivals = endpoint.receiver().arrivals();
            Set<String> seen = new HashSet<>();
            LongArray latencies = new LongArray();
            int dups = 0;
            int unexpected = 0;
            int completedInWindow = 0;
            for (Arrival arrival : arrivals) {
                if (arrival.doneNanos() >= warmEnd && arrival.doneNanos() < end) {
                    completedInWindow++;
                }
                if (!endpoint.receiver().slow()) {
                    lastFastDone = Math.max(lastFastDone, arrival.doneNanos());
                }
                if (!seen.add(String.valueOf(arrival.eventId()))) {
                    dups++;
                    continue;
                }
                if (!expected.contains(arrival.eventId())) {
                    unexpected++;
                }
                Long answered = answers.get(arrival.rowId() + "|" + arrival.opType());
                if (answered != null && answered >= warmEnd && answered < end) {
                    latencies.add(arrival.arrivedNanos() - answered);
                }
            }
            int received = 0;
            for (String id : expected) {
                if (seen.contains(id)) {
                    received++;
                }
            }
            int missing = expected.size() - received;
            long[] lat = latencies.toArray();
            receivers.add(new ReceiverResult(endpoint.receiver().name(), endpoint.receiver().slow(), expected.size(),
                    arrivals.size(), seen.size(), missing, dups, unexpected, completedInWindow / seconds, Latency.ofNanos(lat)));
            deliveriesInWindow += completedInWindow;
            duplicates += dups;
            if (!endpoint.receiver().slow()) {
                lost += missing;
                fastLatencies.add(lat);
            }
        }
        // from the last change the API answered to the last fast delivery: how far deliveries trailed the load
        long loadStop = lastAnswer == 0 ? loadEnd : lastAnswer;
        double drainSeconds = ((drained ? lastFastDone : System.nanoTime()) - loadStop) / 1e9;

        int webhooks = endpoints.size();
        return new ScenarioResult(scenario.name(), describe(), scenario.clients(), scenario.bases(), webhooks, seconds,
                changes, changes / seconds, requests, requests / seconds, deliveriesInWindow / seconds,
                scenario.paced() ? rate : -1, Latency.ofNanos(concat(fastLatencies)), Latency.ofNanos(concat(apiLatencies)),
                feedEvents, lost, duplicates,
                missingFromFeed, errors, firstError.get(), Math.max(0, drainSeconds), drained, usage, receivers);
    }

    private String describe() {
        String text = scenario.description();
        if (scenario.paced()) {
            text = text.replace("--rate", rate + "/s");
        }
        if (scenario.slowWebhook()) {
            text += " (" + options.slowDelay.toMillis() + " ms)";
        }
        return text;
    }

    /** The bases this run created: {@link Benchmark} deletes them once every scenario has run. */
    List<String> baseIds() {
        return targets.stream().map(Target::baseId).toList();
    }

    /**
     * Disables the run's webhooks, so what is still queued for a slow receiver is parked (Basehook parks what is
     * due of a disabled webhook when the PATCH commits) and the next scenario starts clean; the bases themselves
     * are deleted after the last scenario. Deleting them here cascaded through every event, delivery and attempt
     * of the run, and InnoDB purged those rows in the background while the next scenario was measured:
     * batch-fanout's second window fell from 11,700 to 9,500 deliveries/s with the database at 92 % instead of
     * 77 % of a core, and held 12,900/s when the first window's base was kept.
     */
    private void tearDown() {
        for (Endpoint endpoint : endpoints) {
            try {
                api.disableWebhook(endpoint.baseId(), endpoint.webhookId());
            } catch (IOException e) {
                System.err.println("could not disable webhook " + endpoint.webhookId() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        endpoints.forEach(e -> e.receiver().close());
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** One load thread; its counters are its own, read only after it ended. */
    private final class Client implements Runnable {

        private final int index;
        private final Target target;
        /** The instance this client writes through. */
        private final BasehookApi instance;
        private final URI rows;
        private final long start;
        private final LongArray apiLatencies = new LongArray();
        private long changesInWindow;
        private long requestsInWindow;
        private long acknowledged;
        private long errors;
        private long lastAnswer;
        private long counter;

        Client(int index, Target target, long start) {
            this.index = index;
            this.target = target;
            this.instance = apis.get(index % apis.size());
            this.rows = instance.rowsUri(target.baseId(), target.tableId());
            this.start = start;
        }

        @Override
        public void run() {
            double nanosPerChange = 1e9 / rate;
            for (long k = 0; ; k++) {
                if (scenario.paced()) {
                    // open loop: the k-th change of this client is due at a fixed time, answered or not
                    long due = start + (long) ((k * scenario.clients() + index) * nanosPerChange);
                    // a service slower than the rate leaves sends overdue: they are dropped at the end, not sent late
                    if (due >= end || System.nanoTime() >= end) {
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                } else if (System.nanoTime() >= end || !awaitBacklog()) {
                    return;
                }
                step();
            }
        }

        /**
         * With a bounded backlog: waits while a fast webhook of this client's base is more than the bound behind
         * what the API acknowledged. False if the load ended meanwhile.
         */
        private boolean awaitBacklog() {
            if (scenario.maxBacklog() == Scenario.UNBOUNDED) {
                return true;
            }
            while (tooFarBehind(target.acknowledged().get(), fewestArrived(target.baseId()), scenario.maxBacklog())) {
                if (System.nanoTime() >= end) {
                    return false;
                }
                LockSupport.parkNanos(200_000L);
            }
            return true;
        }

        private void step() {
            Op op = chooseOp();
            String rowId = null;
            if (op == Op.UPDATE) {
                rowId = target.fresh().poll();
            } else if (op == Op.DELETE) {
                rowId = target.updated().poll();
                if (rowId == null) {
                    rowId = target.fresh().poll();
                }
            }
            if (rowId == null) {
                op = Op.INSERT;
            }
            long sent = System.nanoTime();
            try {
                int changes;
                long answered;
                switch (op) {
                    case INSERT -> {
                        List<String> ids = instance.insertRows(rows, insertBody());
                        answered = System.nanoTime();
                        for (String id : ids) {
                            answers.put(id + "|insert_row", answered);
                        }
                        if (scenario.workload() == Scenario.Workload.MIXED) {
                            target.fresh().addAll(ids);
                        }
                        changes = ids.size();
                    }
                    case UPDATE -> {
                        instance.updateRow(instance.rowUri(target.baseId(), target.tableId(), rowId), updateBody());
                        answered = System.nanoTime();
                        answers.put(rowId + "|modify_row", answered);
                        target.updated().add(rowId);
                        changes = 1;
                    }
                    default -> {
                        instance.deleteRow(instance.rowUri(target.baseId(), target.tableId(), rowId));
                        answered = System.nanoTime();
                        answers.put(rowId + "|delete_row", answered);
                        changes = 1;
                    }
                }
                acknowledged += changes;
                target.acknowledged().addAndGet(changes);
                lastAnswer = answered;
                if (answered >= warmEnd && answered < end) {
                    changesInWindow += changes;
                    requestsInWindow++;
                    apiLatencies.add(answered - sent);
                }
            } catch (IOException e) {
                errors++;
                firstError.compareAndSet(null, e.toString());
                LockSupport.parkNanos(50_000_000L); // a failing service should not be hammered in a tight loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Op chooseOp() {
            if (scenario.workload() == Scenario.Workload.INSERT) {
                return Op.INSERT;
            }
            int r = ThreadLocalRandom.current().nextInt(100);
            return r < 50 ? Op.INSERT : r < 80 ? Op.UPDATE : Op.DELETE;
        }

        private String insertBody() {
            StringBuilder body = new StringBuilder(80 * scenario.batchSize()).append("{\"rows\":[");
            for (int i = 0; i < scenario.batchSize(); i++) {
                long n = counter++;
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"Name\":\"r-").append(index).append('-').append(n)
                        .append("\",\"Amount\":").append(n)
                        .append(",\"Done\":").append(n % 2 == 0)
                        .append(",\"Stage\":\"").append(STAGES[(int) (n % STAGES.length)]).append("\"}");
            }
            return body.append("]}").toString();
        }

        // every cell differs from what insertBody wrote, so the update always sends a modify_row
        private String updateBody() {
            long n = counter++;
            return "{\"values\":{\"Name\":\"u-" + index + "-" + n + "\",\"Amount\":" + (n + 1_000_000_000L) + "}}";
        }
    }

    /** A growable long[]: millions of latencies without boxing. */
    private static final class LongArray {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
