package io.basehook.application.delivery;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The delivery engine: claims due deliveries in batches, sends each without holding a thread, and records the
 * outcomes in batches with their retry schedule. One loop thread calls {@link #deliverDue()}; a turn is one
 * transaction that records what finished and claims what is due, and only after it committed does it send.
 * <p>
 * A webhook whose endpoint answers fast may hold more deliveries claimed than it has requests in flight: they
 * wait in its lane, and each answer starts the next one at once, on the thread that got the answer, without
 * waiting for the loop's next turn. So the database turns (one per batch) no longer pace the requests, while a
 * webhook never has more than {@link DeliverySettings#maxInFlightPerWebhook()} requests open. How much a webhook
 * may hold follows its pace: what its open requests finish in {@link #CLAIM_AHEAD}, so a slow or dead endpoint
 * holds hardly more than it sends, and what waits is never near the end of its lease.
 * <p>
 * <b>Hand-off.</b> A content write may also give its deliveries straight to a lane ({@link DeliveryHandoff}): they
 * are written leased to this instance and start when the write commits, with no claim, no lease update and no
 * payload read. A hand-off never overtakes an older first attempt ({@code seq} order holds on this instance): a
 * lane is <i>caught up</i> once a claim has seen that nothing of its webhook is due in the database, and what is
 * handed off to a lane that is <i>behind</i> is held back until then, or until a claim brings a newer first attempt
 * (claims take a webhook's due rows oldest first, so nothing older is left). Claimed first attempts take their
 * place among the parcels by {@code seq}. A write that cannot hand off (the webhook holds what it sends in
 * {@link #HANDOFF_AHEAD}, or this instance holds {@link DeliverySettings#maxHandedOff()} hand-offs) queues its
 * deliveries due, and the lane is behind again until a claim has taken them. Hand-offs of one base are reserved
 * under its lock, so in {@code seq} order, and start in that order: a lane never starts past a reservation whose
 * write has not ended.
 */
public final class DeliveryDispatcher implements DeliverWebhooksUseCase, DeliveryHandoff {

    // the JDK's own logging facade: the application names no framework, and bootstrap routes it to SLF4J
    private static final System.Logger LOG = System.getLogger(DeliveryDispatcher.class.getName());

    /** A webhook holds claimed what its open requests finish in this time, at its recent pace. */
    static final Duration CLAIM_AHEAD = Duration.ofMillis(200);
    /** A webhook takes hand-offs while what it holds is sent in this time at its pace. */
    static final Duration HANDOFF_AHEAD = Duration.ofSeconds(1);
    /** How long an idle lane (and the webhook's pace) is kept: a webhook busy now and then stays caught up. */
    static final Duration LANE_KEEP = Duration.ofSeconds(10);
    /** The weight of the newest attempt in a webhook's pace (its mean attempt time). */
    private static final double PACE_WEIGHT = 0.2;

    private record Finished(Held held, Attempt attempt) {
        ClaimedDelivery delivery() {
            return held.delivery();
        }
    }

    /**
     * A delivery this instance holds, the webhook as it was read for it, and its lease; handed off by a write, or
     * claimed.
     */
    private record Held(ClaimedDelivery delivery, Webhook webhook, Instant leaseUntil, boolean handedOff) {
    }

    /**
     * What one turn's transaction did: deliveries it claimed, lanes it saw caught up, and whether its claim found
     * nothing due at all.
     */
    private record Turn(List<ClaimedDelivery> claimed, Map<Lane, Long> caughtUp, boolean nothingDue) {
        static final Turn NO_CLAIM = new Turn(List.of(), Map.of(), false);
    }

    /**
     * One webhook's held deliveries waiting for a request slot, in claim order, its open requests, and its hand-off
     * state. All guarded by the lane itself.
     */
    private static final class Lane {
        private final WebhookId webhookId;
        private final ArrayDeque<Held> waiting = new ArrayDeque<>();
        private int sending;
        private boolean pumping;
        /**
         * Hand-offs of writes that have not ended or are held back, in the order they were reserved ({@code seq}
         * order), and what was claimed between or behind them.
         */
        private final LinkedList<Parcel> parcels = new LinkedList<>();
        /** Handed-off deliveries not yet recorded or given back, reserved ones included. */
        private int handed;
        /** Of those, the ones in parcels held back until the older due ones are claimed: no claim room taken. */
        private int heldBack;
        /** Open writes that queue deliveries of this webhook due, for a claim. */
        private int writingDue;
        /** The database may hold due first attempts of this webhook: a hand-off would overtake them. */
        private boolean behind = true;
        /** Counts the times it fell behind: a claim that started before the last of them cannot catch it up. */
        private long fellBehind;
        private Instant lastUsed;
        private boolean retired;

        Lane(WebhookId webhookId, Instant now) {
            this.webhookId = webhookId;
            this.lastUsed = now;
        }

        void fallBehind() {
            behind = true;
            fellBehind++;
        }

        /** A write that queues due deliveries of this webhook opened: behind, and it stays so until it ends. */
        void startWritingDue() {
            fallBehind();
            writingDue++;
        }

        /** That write ended; if it committed, its rows may have come after a claim looked: still behind. */
        void endWritingDue() {
            writingDue--;
            fallBehind();
        }

        boolean idle() {
            return handed == 0 && writingDue == 0 && sending == 0 && waiting.isEmpty() && parcels.isEmpty();
        }
    }

    /**
     * One write's deliveries to one webhook: reserved in its transaction, filled after its insert. Reserved while
     * the lane was behind, it is held back until what is due of the webhook in the database was claimed.
     */
    private static final class Parcel {
        private final Lane lane;
        private final Webhook webhook;
        private final Instant leaseUntil;
        private final int size;
        /** What its deliveries' payloads weigh, each counted in full. */
        private final long bytes;
        private final List<Held> deliveries = new ArrayList<>();
        private boolean committed;
        /** Held back (while not 0): its deliveries in the lane's held-back count. */
        private int heldBack;
        /** The seq of its first delivery; until it is filled, its write is open and newer than anything claimed. */
        private long firstSeq = Long.MAX_VALUE;

        Parcel(Lane lane, Webhook webhook, Instant leaseUntil, int size, long bytes) {
            this.lane = lane;
            this.webhook = webhook;
            this.leaseUntil = leaseUntil;
            this.size = size;
            this.bytes = bytes;
        }
    }

    private final DeliveryClaims claims;
    private final DeliveryOutcomes outcomeLog;
    private final DeliveryParking parking;
    private final WebhookRepository webhooks;
    private final WebhookPort sender;
    private final DeliveryWakeup wakeup;
    private final DeliveryMetrics metrics;
    private final TransactionRunner transactions;
    private final DeliverySettings settings;
    private final Clock clock;

    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    /** Waited so long that the lease would not outlive the request: given back unsent by the next turn. */
    private final Queue<Held> lapsed = new ConcurrentLinkedQueue<>();
    private final Map<WebhookId, Lane> lanes = new ConcurrentHashMap<>();
    /** Read by writers for their hand-offs, written by the loop thread. */
    private final Map<WebhookId, Double> paceMillis = new ConcurrentHashMap<>();
    /** Handed-off deliveries held in all. */
    private final AtomicInteger handedInAll = new AtomicInteger();
    /** What the payloads of the handed-off deliveries weigh, each counted in full. */
    private final AtomicLong handedBytes = new AtomicLong();
    /** What the payloads of the claimed deliveries weigh; written by the loop thread, read by writers. */
    private volatile long claimedBytes;
    // touched by the loop thread only
    /** Claimed and not yet recorded or given back, per webhook. */
    private final Map<WebhookId, Integer> heldPerWebhook = new HashMap<>();
    private final List<Finished> unrecorded = new ArrayList<>();
    private final List<Held> unreleased = new ArrayList<>();
    private boolean claimedFullBatch;
    /**
     * The last claim found nothing due at all, and no turn since was told that something may have come due: a
     * claim now would find nothing either, unless this instance gave something back or a lane waits for a claim.
     */
    private boolean nothingDue;
    private volatile boolean draining;

    public DeliveryDispatcher(DeliveryClaims claims, DeliveryOutcomes outcomeLog, DeliveryParking parking,
                              WebhookRepository webhooks, WebhookPort sender, DeliveryWakeup wakeup,
                              DeliveryMetrics metrics, TransactionRunner transactions, DeliverySettings settings,
                              Clock clock) {
        this.claims = claims;
        this.outcomeLog = outcomeLog;
        this.parking = parking;
        this.webhooks = webhooks;
        this.sender = sender;
        this.wakeup = wakeup;
        this.metrics = metrics;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int deliverDue(boolean mayBeDue) {
        claimedFullBatch = false;
        collect();
        if (draining) {
            return settle();
        }
        if (mayBeDue) {
            nothingDue = false;
        }
        // what this turn records or gives back frees its room for the turn's claim
        int capacity = Math.min(settings.claimBatch(),
                settings.maxHeld() - heldInAll() + unrecorded.size() + unreleased.size());
        // and so do their payloads' bytes: the claim reads no more than fit besides what stays claimed (hand-offs
        // do not count here: held back, they wait for this very claim, which they must not keep from running)
        long bytesLeft = settings.maxHeldBytes() - claimedBytes + claimedBytesToSettle();
        Map<WebhookId, Integer> room = roomAfterThisTurn();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<DeliveryOutcome> outcomes = outcomes(now);
        Map<Lane, Long> behind = lanesBehind();
        // a turn for answers alone claims only if something may wait: a claim's scan of the due index was one
        // statement of every turn, and under hand-offs it found nothing (ADR 0011)
        boolean claim = capacity > 0 && bytesLeft > 0 && (!nothingDue || !behind.isEmpty() || !unreleased.isEmpty());
        Turn turn = Turn.NO_CLAIM;
        if (claim || !outcomes.isEmpty() || !unreleased.isEmpty()) {
            turn = transactions.inTransaction(() -> {
                giveBack(now);
                if (!outcomes.isEmpty()) {
                    outcomeLog.record(outcomes);
                }
                if (!claim) {
                    return Turn.NO_CLAIM;
                }
                DeliveryClaims.Claim found = claims.claim(capacity, room, settings.maxInFlightPerWebhook(), now,
                        leaseUntil, bytesLeft);
                return new Turn(found.deliveries(), found.sawAllDue() ? caughtUp(behind, found.deliveries(), room)
                        : caughtUpPerWebhook(behind, now), found.nothingDue());
            });
        }
        if (claim) {
            nothingDue = turn.nothingDue();
        }
        int settled = settled(outcomes, recordHealth(outcomes, now));
        List<ClaimedDelivery> claimed = turn.claimed();
        claimedFullBatch = capacity > 0 && claimed.size() == capacity && capacity == settings.claimBatch();
        try {
            int queued = queueInLanes(claimed, leaseUntil);
            // after what the claim took is in the lanes: a hand-off from now on comes after it
            turn.caughtUp().forEach(this::catchUp);
            return settled + queued;
        } finally {
            forgetIdle(now);
        }
    }

    /** The lanes that are behind, each with its count of falls, just before a claim looks. */
    private Map<Lane, Long> lanesBehind() {
        Map<Lane, Long> behind = new HashMap<>();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.behind && !lane.retired) {
                    behind.put(lane, lane.fellBehind);
                }
            }
        }
        return behind;
    }

    /**
     * Of the lanes that were behind, those a claim that saw everything due has caught up: their webhook took fewer
     * than its room, so nothing of it was left due.
     */
    private Map<Lane, Long> caughtUp(Map<Lane, Long> behind, List<ClaimedDelivery> claimed,
                                     Map<WebhookId, Integer> room) {
        if (behind.isEmpty()) {
            return Map.of();
        }
        Map<WebhookId, Integer> took = new HashMap<>();
        claimed.forEach(delivery -> took.merge(delivery.webhookId(), 1, Integer::sum));
        Map<Lane, Long> caughtUp = new HashMap<>();
        behind.forEach((lane, falls) -> {
            int roomOf = room.getOrDefault(lane.webhookId, settings.maxInFlightPerWebhook());
            if (took.getOrDefault(lane.webhookId, 0) < roomOf) {
                caughtUp.put(lane, falls);
            }
        });
        return caughtUp;
    }

    /**
     * Of the lanes that were behind, those whose webhook has nothing due left after a claim that did not see
     * everything due: another webhook's backlog filled its head, which says nothing about this one, so the
     * database is asked per webhook. A lane waited behind any backlog of any webhook before (a new webhook's first
     * deliveries, held back, went out only once that backlog was gone or their lease ran out).
     */
    private Map<Lane, Long> caughtUpPerWebhook(Map<Lane, Long> behind, Instant now) {
        if (behind.isEmpty()) {
            return Map.of();
        }
        Set<WebhookId> ids = new HashSet<>();
        behind.keySet().forEach(lane -> ids.add(lane.webhookId));
        Set<WebhookId> clear = claims.withNothingDue(ids, now);
        Map<Lane, Long> caughtUp = new HashMap<>();
        behind.forEach((lane, falls) -> {
            if (clear.contains(lane.webhookId)) {
                caughtUp.put(lane, falls);
            }
        });
        return caughtUp;
    }

    /**
     * Takes hand-offs again, unless the lane fell behind since the claim looked, or a write that queues due
     * deliveries of it is open (its rows may be committed after the claim looked).
     */
    private void catchUp(Lane lane, long falls) {
        synchronized (lane) {
            if (lane.fellBehind != falls || lane.writingDue != 0) {
                return;
            }
            lane.behind = false;
            // nothing older is due any more: what was handed off meanwhile may start
            releaseAll(lane);
        }
        pump(lane);
    }

    /** A held-back parcel may start once the parcels before it have (lane lock held). */
    private static void release(Lane lane, Parcel parcel) {
        lane.heldBack -= parcel.heldBack;
        parcel.heldBack = 0;
    }

    /** Releases every parcel of the lane and moves what is committed at its head on (lane lock held). */
    private void releaseAll(Lane lane) {
        lane.parcels.forEach(parcel -> release(lane, parcel));
        unwrap(lane);
    }

    /** After the claim committed: queues each claimed delivery in its webhook's lane and starts what has a slot. */
    private int queueInLanes(List<ClaimedDelivery> claimed, Instant leaseUntil) {
        if (claimed.isEmpty()) {
            return 0;
        }
        LinkedHashSet<WebhookId> ids = new LinkedHashSet<>();
        claimed.forEach(delivery -> ids.add(delivery.webhookId()));
        Map<WebhookId, Webhook> targets = webhooks.findByIds(ids);
        List<DeliveryId> parked = new ArrayList<>();
        Map<WebhookId, Lane> touched = new LinkedHashMap<>();
        for (ClaimedDelivery delivery : claimed) {
            Webhook webhook = targets.get(delivery.webhookId());
            if (webhook == null) {
                continue; // deleted since: its deliveries went with it
            }
            if (!webhook.enabled()) {
                parked.add(delivery.id());
                continue;
            }
            touched.put(webhook.id(), hold(new Held(delivery, webhook, leaseUntil, false)));
        }
        touched.values().forEach(this::pump);
        if (!parked.isEmpty()) {
            parking.park(parked);
        }
        return claimed.size();
    }

    /**
     * A lane that has held nothing for {@link #LANE_KEEP} goes, and with it the webhook's pace (learnt again when
     * it is busy) and its hand-offs (until a claim has caught a new lane up).
     */
    private void forgetIdle(Instant now) {
        lanes.values().removeIf(lane -> {
            synchronized (lane) {
                if (heldPerWebhook.containsKey(lane.webhookId) || !lane.idle()
                        || now.isBefore(lane.lastUsed.plus(LANE_KEEP))) {
                    return false;
                }
                lane.retired = true;
                return true;
            }
        });
        paceMillis.keySet().removeIf(webhookId -> !lanes.containsKey(webhookId));
    }

    private int heldInAll() {
        int count = 0;
        for (int each : heldPerWebhook.values()) {
            count += each;
        }
        return count;
    }

    @Override
    public boolean moreDue() {
        return claimedFullBatch;
    }

    /**
     * How many more each webhook may claim once this turn's outcomes are recorded and its lapsed deliveries given
     * back: its allowance less what it still holds. A webhook left out has the default room, its request slots.
     */
    private Map<WebhookId, Integer> roomAfterThisTurn() {
        Map<WebhookId, Integer> stillHeld = new HashMap<>(heldPerWebhook);
        unrecorded.stream().filter(done -> !done.held().handedOff())
                .forEach(done -> release(stillHeld, done.delivery().webhookId()));
        unreleased.stream().filter(back -> !back.handedOff())
                .forEach(back -> release(stillHeld, back.delivery().webhookId()));
        // what a webhook holds handed off counts against its room too (the turn frees some: left for the next),
        // but not what is held back: it waits for this claim, which must not be kept from taking what is due
        Map<WebhookId, Integer> handed = new HashMap<>();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.handed > lane.heldBack) {
                    handed.put(lane.webhookId, lane.handed - lane.heldBack);
                }
            }
        }
        Set<WebhookId> holding = new HashSet<>(heldPerWebhook.keySet());
        holding.addAll(handed.keySet());
        Map<WebhookId, Integer> room = new HashMap<>();
        for (WebhookId webhookId : holding) {
            int left = Math.max(0, allowance(webhookId) - stillHeld.getOrDefault(webhookId, 0)
                    - handed.getOrDefault(webhookId, 0));
            if (left != settings.maxInFlightPerWebhook()) {
                room.put(webhookId, left);
            }
        }
        return room;
    }

    /**
     * What a webhook may hold claimed: its request slots, plus what they finish in {@link #CLAIM_AHEAD} at the
     * webhook's pace (unknown until an attempt of it was recorded), at most {@code maxClaimedPerWebhook}.
     */
    private int allowance(WebhookId webhookId) {
        return paced(webhookId, CLAIM_AHEAD, settings.maxInFlightPerWebhook(), settings.maxClaimedPerWebhook());
    }

    /**
     * The webhook's request slots plus what they finish in {@code ahead} at its pace, at most {@code cap};
     * {@code unknown} while no attempt of it was recorded.
     */
    private int paced(WebhookId webhookId, Duration ahead, int unknown, int cap) {
        Double pace = paceMillis.get(webhookId);
        if (pace == null) {
            return unknown;
        }
        int slots = settings.maxInFlightPerWebhook();
        double more = slots * (ahead.toNanos() / 1e6) / Math.max(pace, 0.01);
        return (int) Math.min(cap, slots + (long) more);
    }

    /** One fewer held by the webhook; none left removes it. */
    private static void release(Map<WebhookId, Integer> perWebhook, WebhookId webhookId) {
        perWebhook.computeIfPresent(webhookId, (id, count) -> count > 1 ? count - 1 : null);
    }

    /** Queues a claimed delivery in its webhook's lane (loop thread). */
    private Lane hold(Held delivery) {
        WebhookId webhookId = delivery.delivery().webhookId();
        heldPerWebhook.merge(webhookId, 1, Integer::sum);
        claimedBytes += bytesOf(delivery);
        return inLane(webhookId, clock.instant(), lane -> {
            queueInSeqOrder(lane, delivery);
            return lane;
        });
    }

    /**
     * Queues a claimed delivery among the lane's parcels by {@code seq} (lane lock held): after those of older
     * writes (a write that handed off older seqs may not have ended yet), before those of newer ones (held back
     * while this one was due). A claimed first attempt also releases the held-back parcels older than it: the
     * claim takes a webhook's due rows oldest first, so nothing older than it is left due. A retry has no place
     * in the order and waits for a slot only.
     */
    private void queueInSeqOrder(Lane lane, Held delivery) {
        ClaimedDelivery claimed = delivery.delivery();
        if (claimed.attempts() > 0) {
            lane.waiting.add(delivery);
            return;
        }
        ListIterator<Parcel> parcels = lane.parcels.listIterator();
        while (parcels.hasNext()) {
            Parcel parcel = parcels.next();
            if (parcel.firstSeq > claimed.seq()) {
                parcels.previous();
                break;
            }
            release(lane, parcel);
        }
        if (!parcels.hasPrevious()) {
            lane.waiting.add(delivery);
            return;
        }
        Parcel alone = new Parcel(lane, delivery.webhook(), delivery.leaseUntil(), 0, 0);
        alone.deliveries.add(delivery);
        alone.firstSeq = claimed.seq();
        alone.committed = true;
        parcels.add(alone);
        unwrap(lane);
    }

    /**
     * Runs {@code work} on the webhook's lane under its lock, marked used at {@code now}; a lane forgotten meanwhile
     * is replaced by a new one, which is behind until a claim has caught it up.
     */
    private <T> T inLane(WebhookId webhookId, Instant now, Function<Lane, T> work) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(webhookId, id -> new Lane(id, now));
            synchronized (lane) {
                if (!lane.retired) {
                    lane.lastUsed = now;
                    return work.apply(lane);
                }
            }
        }
    }

    @Override
    public boolean active() {
        return settings.maxHandedOff() > 0;
    }

    @Override
    public Reservation reserve(List<Webhook> targets, int events, long bytes, Instant now) {
        Instant leaseUntil = now.plus(settings.lease());
        Map<WebhookId, Parcel> granted = new HashMap<>();
        List<Lane> due = new ArrayList<>();
        for (Webhook webhook : targets) {
            int allowance = handOffAllowance(webhook.id());
            inLane(webhook.id(), now, lane -> {
                if (!draining && lane.handed + events <= allowance && takeHanded(events, bytes)) {
                    Parcel parcel = new Parcel(lane, webhook, leaseUntil, events, bytes);
                    lane.handed += events;
                    if (lane.behind) {
                        // older deliveries are due in the database: this starts once a claim has taken them
                        parcel.heldBack = events;
                        lane.heldBack += events;
                    }
                    lane.parcels.add(parcel);
                    granted.put(webhook.id(), parcel);
                } else {
                    // its deliveries go to the database due: the next hand-off would overtake them
                    lane.startWritingDue();
                    due.add(lane);
                }
                return lane;
            });
        }
        return new Handoff(targets, granted, due);
    }

    /**
     * Counts {@code events} more hand-offs in all, weighing {@code bytes}, unless that would exceed the instance's
     * bound in count, or in bytes with what it holds claimed.
     */
    private boolean takeHanded(int events, long bytes) {
        if (handedInAll.addAndGet(events) > settings.maxHandedOff()) {
            handedInAll.addAndGet(-events);
            return false;
        }
        if (handedBytes.addAndGet(bytes) + claimedBytes > settings.maxHeldBytes()) {
            handedBytes.addAndGet(-bytes);
            handedInAll.addAndGet(-events);
            return false;
        }
        return true;
    }

    /** What a held delivery's payload weighs: its characters, one byte each for the JSON's ASCII. */
    private static long bytesOf(Held held) {
        return held.delivery().payload().length();
    }

    /** What the payloads of the claimed deliveries this turn records or gives back weigh. */
    private long claimedBytesToSettle() {
        long bytes = 0;
        for (Finished done : unrecorded) {
            bytes += done.held().handedOff() ? 0 : bytesOf(done.held());
        }
        for (Held back : unreleased) {
            bytes += back.handedOff() ? 0 : bytesOf(back);
        }
        return bytes;
    }

    /**
     * What a webhook may hold handed off: its request slots, plus what they finish in {@link #HANDOFF_AHEAD} at
     * its pace (unknown: what it may hold claimed), at most {@link DeliverySettings#maxHandedOff()}.
     */
    private int handOffAllowance(WebhookId webhookId) {
        return paced(webhookId, HANDOFF_AHEAD, settings.maxClaimedPerWebhook(), settings.maxHandedOff());
    }

    @Override
    public Runnable dueInDatabase(WebhookId webhookId) {
        Lane lane = inLane(webhookId, clock.instant(), opened -> {
            opened.startWritingDue();
            return opened;
        });
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                endWritingDue(lane);
            }
        };
    }

    private static void endWritingDue(Lane lane) {
        synchronized (lane) {
            lane.endWritingDue();
        }
    }

    /**
     * Moves the committed parcels at the head of the lane, up to one held back, to its waiting deliveries (lane
     * lock held).
     */
    private void unwrap(Lane lane) {
        while (!lane.parcels.isEmpty() && lane.parcels.peek().committed && lane.parcels.peek().heldBack == 0) {
            Parcel parcel = lane.parcels.poll();
            if (draining) {
                // nothing starts any more: back to the database at once, for any instance
                lapsed.addAll(parcel.deliveries);
                lane.fallBehind();
                wakeup.wake();
            } else {
                lane.waiting.addAll(parcel.deliveries);
            }
        }
    }

    /** One write's hand-off: its parcels, one per webhook that took it, and the lanes it queues due for. */
    private final class Handoff implements Reservation {
        private final List<Webhook> targets;
        private final Map<WebhookId, Parcel> granted;
        private final List<Lane> due;
        private boolean ended;

        Handoff(List<Webhook> targets, Map<WebhookId, Parcel> granted, List<Lane> due) {
            this.targets = targets;
            this.granted = granted;
            this.due = due;
        }

        @Override
        public Instant leasedUntil(WebhookId webhookId) {
            Parcel parcel = granted.get(webhookId);
            return parcel == null ? null : parcel.leaseUntil;
        }

        @Override
        public boolean none() {
            return granted.isEmpty();
        }

        @Override
        public boolean all() {
            return due.isEmpty();
        }

        @Override
        public void fill(List<StoredEvent> events, List<DeliveryId> ids) {
            if (ids.size() != events.size() * targets.size()) {
                throw new IllegalStateException("expected " + events.size() * targets.size() + " delivery ids, got "
                        + ids.size());
            }
            int index = 0;
            for (StoredEvent event : events) {
                for (Webhook webhook : targets) {
                    DeliveryId id = ids.get(index++);
                    Parcel parcel = granted.get(webhook.id());
                    if (parcel != null) {
                        parcel.firstSeq = Math.min(parcel.firstSeq, event.seq());
                        parcel.deliveries.add(new Held(new ClaimedDelivery(id, webhook.id(), event.baseId(),
                                event.seq(), event.id(), 0, 0, event.payload()), parcel.webhook, parcel.leaseUntil,
                                true));
                    }
                }
            }
        }

        @Override
        public void committed() {
            if (!end()) {
                return;
            }
            List<Lane> ready = new ArrayList<>(granted.size());
            boolean heldBack = false;
            for (Parcel parcel : granted.values()) {
                Lane lane = parcel.lane;
                synchronized (lane) {
                    heldBack |= parcel.heldBack > 0;
                    // a parcel never filled (it cannot be, after a commit) would hold its count forever
                    int missing = parcel.size - parcel.deliveries.size();
                    lane.handed -= missing;
                    if (parcel.heldBack > 0) {
                        lane.heldBack -= missing;
                        parcel.heldBack -= missing;
                    }
                    handedInAll.addAndGet(-missing);
                    long filled = 0;
                    for (Held held : parcel.deliveries) {
                        filled += bytesOf(held);
                    }
                    handedBytes.addAndGet(filled - parcel.bytes);
                    parcel.committed = true;
                    unwrap(lane);
                }
                ready.add(lane);
            }
            // on the committing thread: the sends are asynchronous, and a thread hop cost more than it saved
            ready.forEach(DeliveryDispatcher.this::pump);
            due.forEach(DeliveryDispatcher::endWritingDue);
            if (heldBack) {
                // a claim catches the lane up and lets them start: now, not at the loop's next poll
                wakeup.wake();
            }
        }

        @Override
        public void rolledBack() {
            if (!end()) {
                return;
            }
            for (Parcel parcel : granted.values()) {
                Lane lane = parcel.lane;
                synchronized (lane) {
                    release(lane, parcel);
                    lane.parcels.remove(parcel);
                    lane.handed -= parcel.size;
                    unwrap(lane);
                }
                handedInAll.addAndGet(-parcel.size);
                handedBytes.addAndGet(-parcel.bytes);
                pump(lane);
            }
            due.forEach(DeliveryDispatcher::endWritingDue);
        }

        private synchronized boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }
    }

    /**
     * Starts what waits in the lane while it has free request slots. Any thread may call it (the loop after a
     * claim, a sender's thread after an answer); one pumps a lane at a time, and it looks again after each start,
     * so a slot freed meanwhile is never left unused.
     */
    private void pump(Lane lane) {
        synchronized (lane) {
            if (lane.pumping) {
                return;
            }
            lane.pumping = true;
        }
        while (true) {
            Held next;
            boolean lapse;
            synchronized (lane) {
                next = draining || lane.sending >= settings.maxInFlightPerWebhook() ? null : lane.waiting.poll();
                if (next == null) {
                    lane.pumping = false;
                    return;
                }
                // the lease could end before the answer, and another instance would send it too
                lapse = !clock.instant().plus(settings.requestTimeout()).isBefore(next.leaseUntil());
                if (lapse) {
                    lane.fallBehind(); // given back due: what is handed off later would overtake it
                } else {
                    lane.sending++;
                }
            }
            if (lapse) {
                lapsed.add(next);
                wakeup.wake();
            } else {
                send(lane, next);
            }
        }
    }

    private void send(Lane lane, Held held) {
        ClaimedDelivery delivery = held.delivery();
        Instant at = clock.instant();
        CompletableFuture<Attempt> sending;
        try {
            sending = sender.send(new WebhookMessage(held.webhook().url(), delivery.eventId(), delivery.payload(),
                    held.webhook().signingSecrets(at)));
        } catch (RuntimeException e) {
            // a send that throws instead of answering would otherwise hold its slot forever
            sending = CompletableFuture.failedFuture(e);
        }
        sending.whenComplete((attempt, error) -> {
            Attempt outcome = attempt != null ? attempt : Attempt.failed(at, Duration.between(at, clock.instant()),
                    Map.of(), AttemptError.CONNECTION_FAILED, String.valueOf(error));
            finished.add(new Finished(held, outcome));
            synchronized (lane) {
                lane.sending--;
            }
            pump(lane);
            wakeup.answered();
        });
    }

    private void collect() {
        Finished done;
        while ((done = finished.poll()) != null) {
            unrecorded.add(done);
        }
        Held back;
        while ((back = lapsed.poll()) != null) {
            unreleased.add(back);
        }
    }

    private List<DeliveryOutcome> outcomes(Instant now) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(unrecorded.size());
        for (Finished done : unrecorded) {
            outcomes.add(outcome(done, now));
        }
        return outcomes;
    }

    /** In the turn's transaction: the lapsed deliveries are due again at once, for any instance. */
    private void giveBack(Instant now) {
        Map<Instant, List<DeliveryId>> byLease = new HashMap<>();
        for (Held back : unreleased) {
            byLease.computeIfAbsent(back.leaseUntil(), lease -> new ArrayList<>()).add(back.delivery().id());
        }
        byLease.forEach((leaseUntil, ids) -> claims.release(ids, leaseUntil, now));
    }

    /** Records what finished and gives back what lapsed, in a transaction of its own (while draining). */
    private int settle() {
        collect();
        if (unrecorded.isEmpty() && unreleased.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeliveryOutcome> outcomes = outcomes(now);
        transactions.inTransaction(() -> {
            giveBack(now);
            if (!outcomes.isEmpty()) {
                outcomeLog.record(outcomes);
            }
            return null;
        });
        int settled = settled(outcomes, recordHealth(outcomes, now));
        forgetIdle(now);
        return settled;
    }

    /**
     * After the outcomes' record committed: the webhooks' health, and the auto-disable of those failing too long,
     * which lock their bases and so must not run inside the turn. A failure here loses no outcome: the health of a
     * webhook is read again from its next batch (a failing endpoint is then seen as failing from that batch on).
     *
     * @return the webhooks it disabled
     */
    private List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        try {
            return outcomeLog.recordHealth(outcomes, now.minus(settings.disableAfter()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Could not record the health of the webhooks of " + outcomes.size()
                    + " outcomes; their next outcomes will", e);
            return List.of();
        }
    }

    /**
     * After the transaction that recorded {@code outcomes} (and gave back what lapsed) committed: frees what they
     * held. On a database error it is never reached, and both stay for the next turn, so none is lost.
     */
    private int settled(List<DeliveryOutcome> outcomes, List<WebhookId> disabled) {
        outcomes.forEach(outcome -> metrics.attemptFinished(outcome.status(), outcome.attempt().duration()));
        List<Held> freed = new ArrayList<>(unrecorded.size() + unreleased.size());
        for (Finished done : unrecorded) {
            WebhookId webhookId = done.delivery().webhookId();
            double took = done.attempt().duration().toNanos() / 1e6;
            paceMillis.merge(webhookId, took, (pace, latest) -> pace + PACE_WEIGHT * (latest - pace));
            freed.add(done.held());
        }
        freed.addAll(unreleased);
        long claimedFreed = 0;
        for (Held held : freed) {
            if (held.handedOff()) {
                handedBack(held);
            } else {
                release(heldPerWebhook, held.delivery().webhookId());
                claimedFreed += bytesOf(held);
            }
        }
        claimedBytes -= claimedFreed;
        int count = unrecorded.size();
        unrecorded.clear();
        unreleased.clear();
        if (!disabled.isEmpty()) {
            LOG.log(Level.WARNING, () -> "Disabled webhooks without any 2xx for " + settings.disableAfter() + ": "
                    + disabled);
            parkDue(disabled);
        }
        return count;
    }

    /**
     * What is due of webhooks just disabled is parked at once rather than by the claims, a turn's worth at a time
     * (see {@link DeliveryParking#parkDue}). If that fails, the claims still park it as they meet it.
     */
    private void parkDue(List<WebhookId> disabled) {
        Instant now = clock.instant();
        for (WebhookId webhookId : disabled) {
            try {
                parking.parkDue(webhookId, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Could not park the due deliveries of disabled webhook " + webhookId
                        + "; the claims park them as they come", e);
            }
        }
    }

    /** A handed-off delivery was recorded or given back. */
    private void handedBack(Held held) {
        WebhookId webhookId = held.delivery().webhookId();
        handedBytes.addAndGet(-bytesOf(held));
        handedInAll.decrementAndGet();
        Lane lane = lanes.get(webhookId);
        if (lane != null) {
            synchronized (lane) {
                lane.handed--;
                lane.lastUsed = clock.instant();
            }
        }
    }

    private DeliveryOutcome outcome(Finished done, Instant now) {
        ClaimedDelivery delivery = done.delivery();
        Attempt attempt = done.attempt();
        int attempts = delivery.attempts() + 1;
        if (attempt.succeeded()) {
            return new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts, DeliveryStatus.SUCCEEDED, null);
        }
        Instant ended = attempt.at().plus(attempt.duration());
        Optional<Instant> retry = settings.retrySchedule().nextAttempt(attempts - delivery.scheduleStart(), ended,
                attempt.retryAfter());
        return retry.map(at -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.RETRYING, at))
                .orElseGet(() -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.FAILED, null));
    }

    @Override
    public int inFlight() {
        return heldInAll() + handedInAll.get();
    }

    @Override
    public void drain(Duration timeout) {
        draining = true;
        // what waits for a slot is not started any more: it goes back at once, for any instance to send
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                lapsed.addAll(lane.waiting);
                lane.waiting.clear();
                // held back or not, committed parcels go back too (those still open do when they commit)
                releaseAll(lane);
            }
        }
        Instant deadline = clock.instant().plus(timeout);
        while (inFlight() > 0 && clock.instant().isBefore(deadline)) {
            try {
                settle();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record finished attempts while draining; retrying", e);
            }
        }
        try {
            settle();
        } catch (RuntimeException e) {
            // their leases expire and another instance (or the next start) sends them again
            LOG.log(Level.WARNING, "Could not record the last attempts before stopping", e);
        }
    }
}
