package io.basehook.benchmark;

import java.util.List;

/**
 * One load shape. Clients are threads in a closed loop (send, wait for the answer, send again) unless
 * {@code paced}, where they keep to the --rate schedule whatever the answers do (an open loop).
 */
record Scenario(String name, String description, Workload workload, int clients, int bases, int fastWebhooksPerBase,
                boolean slowWebhook, int batchSize, boolean paced, int maxBacklog) {

    /** No bound: clients send as fast as the API answers, however far the deliveries fall behind. */
    static final int UNBOUNDED = 0;

    enum Workload { INSERT, MIXED }

    // batch-100 last: it leaves the largest backlog behind and the largest delete (its base and 100,000 rows with
    // their events, deliveries and attempts), which would slow down whichever scenario came next
    static final List<Scenario> ALL = List.of(
            new Scenario("insert-1", "single-row inserts, 1 client, 1 base, 1 webhook", Workload.INSERT, 1, 1, 1, false, 1, false, UNBOUNDED),
            new Scenario("insert-4", "single-row inserts, 4 clients, 1 base, 1 webhook", Workload.INSERT, 4, 1, 1, false, 1, false, UNBOUNDED),
            new Scenario("insert-16", "single-row inserts, 16 clients, 1 base, 1 webhook", Workload.INSERT, 16, 1, 1, false, 1, false, UNBOUNDED),
            new Scenario("insert-16-bases", "single-row inserts, 16 clients over 16 bases, 1 webhook each", Workload.INSERT, 16, 16, 1, false, 1, false, UNBOUNDED),
            new Scenario("fanout-10", "single-row inserts, 4 clients, 1 base with 10 webhooks", Workload.INSERT, 4, 1, 10, false, 1, false, UNBOUNDED),
            new Scenario("mixed", "insert/update/delete 50/30/20, 4 clients, 1 base, 1 webhook", Workload.MIXED, 4, 1, 1, false, 1, false, UNBOUNDED),
            // the same over many bases: their writes of every kind share transactions across bases
            new Scenario("mixed-16-bases", "insert/update/delete 50/30/20, 16 clients over 16 bases, 1 webhook each", Workload.MIXED, 16, 16, 1, false, 1, false, UNBOUNDED),
            // the slow receiver's baseline: the same two deliveries per insert, both answered at once
            new Scenario("fast-pair", "single-row inserts, 4 clients, 1 base, two fast webhooks", Workload.INSERT, 4, 1, 2, false, 1, false, UNBOUNDED),
            new Scenario("slow-receiver", "single-row inserts, 4 clients, 1 base, a fast webhook beside a slow one", Workload.INSERT, 4, 1, 1, true, 1, false, UNBOUNDED),
            // paced from as many clients as insert-16, whose peak sets "--rate auto" to half: a client then has
            // twice the time insert-16 needed per request. With 8 (until 2026-12-06) a peak above about 2,000/s
            // left the clients behind the rate, and the paced figures were closed-loop ones after all.
            // The same pair at one fixed rate: in a closed loop the fast webhook beside the slow one gets more
            // inserts a second (the slow one takes fewer deliveries), so its latency is measured under more load
            new Scenario("fast-pair-paced", "paced single-row inserts at --rate from 16 clients, 1 base, two fast webhooks", Workload.INSERT, 16, 1, 2, false, 1, true, UNBOUNDED),
            new Scenario("slow-receiver-paced", "paced single-row inserts at --rate from 16 clients, 1 base, a fast webhook beside a slow one", Workload.INSERT, 16, 1, 1, true, 1, true, UNBOUNDED),
            new Scenario("half-load-latency", "paced single-row inserts at --rate from 16 clients, 1 base, 1 webhook", Workload.INSERT, 16, 1, 1, false, 1, true, UNBOUNDED),
            new Scenario("api-latency-1", "single-row inserts, 1 client, 1 base, no webhook (API latency alone)", Workload.INSERT, 1, 1, 0, false, 1, false, UNBOUNDED),
            // 100 deliveries a request over ten webhooks (no webhook's request slots are the limit); a client waits
            // while a webhook is more than 2,000 events behind, so what is measured is what the service keeps up
            // with, and no backlog is left for the next scenario
            new Scenario("batch-fanout", "batch inserts of 10 rows, 4 clients, 1 base with 10 webhooks, at most 2,000 events behind",
                    Workload.INSERT, 4, 1, 10, false, 10, false, 2000),
            new Scenario("batch-100", "batch inserts of 100 rows, 4 clients, 1 base, 1 webhook", Workload.INSERT, 4, 1, 1, false, 100, false, UNBOUNDED));

    static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    static Scenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
