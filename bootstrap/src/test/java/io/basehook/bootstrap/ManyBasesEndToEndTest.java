package io.basehook.bootstrap;

import io.basehook.bootstrap.ChildApi.Target;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small writes into many bases at once share transactions across bases (decisions, "Group commit across
 * bases"): each base's feed still numbers its own events without a gap, in the order its writes committed, and
 * every event reaches its own base's webhook exactly once, none another base's.
 */
class ManyBasesEndToEndTest {

    private static final int BASES = 8;
    private static final int INSERTS_PER_BASE = 40;

    @Test
    void insertsIntoManyBasesAtOnceKeepEachBasesSeqsAndReachOnlyTheirOwnWebhook() throws Exception {
        RunningBasehook app = RunningBasehook.get();
        ChildApi api = new ChildApi(app.context().getBean(EmbeddedServer.class).getURI().toString());
        List<Receiver> receivers = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(BASES * 2);
        try {
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < BASES; i++) {
                Receiver receiver = new Receiver();
                receivers.add(receiver);
                targets.add(api.webhookedTable("Many bases " + i, receiver.url()));
            }
            // two writers per base, all bases at once: each inserts a row, changes it, and deletes every other one
            List<Future<?>> writing = new ArrayList<>();
            for (Target target : targets) {
                for (int writer = 0; writer < 2; writer++) {
                    String prefix = "writer " + writer;
                    writing.add(writers.submit(() -> {
                        for (int row = 0; row < INSERTS_PER_BASE / 2; row++) {
                            String id = api.post(target.rows(), Map.of("rows", List.of(Map.of("Name", prefix + " row " + row))))
                                    .get("rows").get(0).get("id").asText();
                            assertEquals(200, api.send("PATCH", target.rows() + "/" + id,
                                    Map.of("values", Map.of("Name", prefix + " row " + row + " changed"))).statusCode());
                            if (row % 2 == 1) {
                                assertEquals(204, api.send("DELETE", target.rows() + "/" + id, null).statusCode());
                            }
                        }
                    }));
                }
            }
            for (Future<?> write : writing) {
                write.get();
            }

            for (int i = 0; i < BASES; i++) {
                Target target = targets.get(i);
                List<Long> seqs = new ArrayList<>();
                Map<String, Integer> types = new HashMap<>();
                for (var event : api.get("/api/v1/bases/" + target.base() + "/events?limit=1000&after=0").get("events")) {
                    seqs.add(event.get("seq").asLong());
                    types.merge(event.get("payload").get("data").get("op_type").asText(), 1, Integer::sum);
                }
                assertEquals(Map.of("insert_row", INSERTS_PER_BASE, "modify_row", INSERTS_PER_BASE,
                        "delete_row", INSERTS_PER_BASE / 2), types, "events of base " + i);
                for (int s = 0; s < seqs.size(); s++) {
                    assertEquals(s + 1, seqs.get(s), "base " + i + " numbers its events 1.. without a gap");
                }
                List<String> ids = api.eventIds(target.base());
                Receiver receiver = receivers.get(i);
                Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.countsById().keySet().containsAll(ids));
                Map<String, Integer> counts = receiver.countsById();
                assertEquals(new HashSet<>(ids), counts.keySet(), "base " + i + "'s webhook got its events, only those");
                counts.forEach((id, count) -> assertEquals(1, count, () -> id + " arrived " + count + " times"));
                Set<String> bases = new HashSet<>();
                receiver.received().forEach(request -> bases.add(request.body()
                        .replaceAll("(?s).*\"dtable_uuid\":\"([0-9a-f]+)\".*", "$1")));
                assertEquals(Set.of(target.base()), bases);
            }
            assertTrue(writers.shutdownNow().isEmpty());
        } finally {
            writers.shutdownNow();
            receivers.forEach(Receiver::close);
        }
    }

    /**
     * A base held by another transaction (a long structure change, another instance's write) holds up only its own
     * writes: one into another base goes through meanwhile, and the held one follows once the lock is free.
     */
    @Test
    void aBaseLockedElsewhereHoldsUpOnlyItsOwnWrites() throws Exception {
        RunningBasehook app = RunningBasehook.get();
        ChildApi api = new ChildApi(app.context().getBean(EmbeddedServer.class).getURI().toString());
        ExecutorService writers = Executors.newSingleThreadExecutor();
        try (Receiver receiver = new Receiver(); Connection holder = connect(app); Connection watcher = connect(app)) {
            Target held = api.webhookedTable("Held", receiver.url());
            Target free = api.webhookedTable("Free", receiver.url());
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM bh_base WHERE id = ? FOR UPDATE")) {
                lock.setString(1, held.base());
                lock.executeQuery().close();
            }

            Future<?> intoHeld = writers.submit(() -> api.insert(held, "waits", 1));
            awaitALockWait(watcher);
            api.insert(free, "goes through", 1);

            assertEquals(1, api.eventIds(free.base()).size(), "written while the other base is held");
            assertEquals(List.of(), api.eventIds(held.base()), "the held base's insert waits for its lock");
            holder.rollback();
            intoHeld.get(60, TimeUnit.SECONDS);
            List<String> both = new ArrayList<>(api.eventIds(held.base()));
            both.addAll(api.eventIds(free.base()));
            assertEquals(2, both.size());
            Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.countsById().keySet().containsAll(both));
            assertEquals(new HashSet<>(both), receiver.countsById().keySet());
        } finally {
            writers.shutdownNow();
        }
    }

    /** A connection of its own to the service's database, outside the service. */
    private static Connection connect(RunningBasehook app) throws Exception {
        var context = app.context();
        return DriverManager.getConnection(context.getRequiredProperty("basehook.db.url", String.class),
                context.getProperty("basehook.db.user", String.class).orElse("root"),
                context.getProperty("basehook.db.password", String.class).orElse(""));
    }

    /** Until a statement of the service waits for a base's lock (the insert into the held base, in its own lane). */
    private static void awaitALockWait(Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                     + "WHERE ID <> CONNECTION_ID() AND INFO LIKE 'SELECT % FROM bh_base %FOR UPDATE'")) {
            while (true) {
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    if (result.getInt(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "no insert ever waited for the held base");
                Thread.sleep(10);
            }
        }
    }
}
