package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One turn of the delivery loop, on the loop thread: a transaction that records what finished, gives back what
 * lapsed and claims what is due; once it committed, the claimed deliveries queue in their lanes and start, and the
 * lanes the claim caught up take hand-offs again. Also the turns while draining, which only record.
 */
final class DeliveryTurn {

    // the JDK's own logging facade: the application names no framework, and bootstrap routes it to SLF4J
    private static final System.Logger LOG = System.getLogger(DeliveryEngine.class.getName());

    /** How long an idle lane (and the webhook's pace) is kept: a webhook busy now and then stays caught up. */
    static final Duration LANE_KEEP = Duration.ofSeconds(10);

    /**
     * What one turn's transaction did: deliveries it claimed, lanes it saw caught up, and whether its claim found
     * nothing due at all.
     */
    private record ClaimResult(List<ClaimedDelivery> claimed, Map<WebhookLane, Long> caughtUp, boolean nothingDue) {
        static final ClaimResult NONE = new ClaimResult(List.of(), Map.of(), false);
    }

    private final DeliveryClaims claims;
    private final DeliveryParking parking;
    private final WebhookRepository webhooks;
    private final TransactionRunner transactions;
    private final EngineState state;
    private final DeliverySettings settings;
    private final TurnLedger ledger;
    private final AttemptOutcomes outcomes;
    private final LaneCatchUp catchUp;
    private final LaneSender sending;

    private boolean claimedFullBatch;
    /**
     * The last claim found nothing due at all, and no turn since was told that something may have come due: a
     * claim now would find nothing either, unless this instance gave something back or a lane waits for a claim.
     */
    private boolean nothingDue;

    DeliveryTurn(DeliveryClaims claims, DeliveryParking parking, WebhookRepository webhooks,
                 TransactionRunner transactions, EngineState state, AttemptOutcomes outcomes, LaneSender sending) {
        this.claims = claims;
        this.parking = parking;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.state = state;
        this.settings = state.settings;
        this.ledger = new TurnLedger(state);
        this.outcomes = outcomes;
        this.catchUp = new LaneCatchUp(state, claims, sending);
        this.sending = sending;
    }

    /** See {@link io.basehook.application.port.in.DeliverWebhooksUseCase#deliverDue(boolean)}. */
    int run(boolean mayBeDue) {
        claimedFullBatch = false;
        ledger.collect();
        if (state.draining) {
            return recordWithoutClaim();
        }
        if (mayBeDue) {
            nothingDue = false;
        }
        List<HeldDelivery> unreleased = ledger.unreleased();
        // what this turn records or gives back frees its room for the turn's claim
        int capacity = Math.min(settings.claimBatch(),
                settings.maxInFlight() - ledger.claimedInAll() + ledger.unrecorded().size() + unreleased.size());
        // and so do their payloads' bytes: the claim reads no more than fit besides what stays claimed (hand-offs
        // do not count here: held back, they wait for this very claim, which they must not keep from running)
        long bytesLeft = settings.maxHeldBytes() - state.claimedBytes + ledger.claimedBytesToFree();
        Map<WebhookId, Integer> room = ledger.roomAfterThisTurn();
        Instant now = state.clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<DeliveryOutcome> finished = outcomes.of(ledger.unrecorded(), now);
        Map<WebhookLane, Long> behind = catchUp.lanesBehind();
        // a turn for answers alone claims only if something may wait: else its scan of the due index finds nothing
        // (ADR 0011)
        boolean claim = capacity > 0 && bytesLeft > 0 && (!nothingDue || !behind.isEmpty() || !unreleased.isEmpty());
        ClaimResult turn = ClaimResult.NONE;
        if (claim || !finished.isEmpty() || !unreleased.isEmpty()) {
            turn = transactions.inTransaction(() -> {
                giveBack(now);
                outcomes.record(finished);
                if (!claim) {
                    return ClaimResult.NONE;
                }
                DeliveryClaims.Claim found = claims.claim(capacity, room, settings.maxInFlightPerWebhook(), now,
                        leaseUntil, bytesLeft);
                return new ClaimResult(found.deliveries(), found.sawAllDue()
                        ? catchUp.caughtUp(behind, found.deliveries(), room)
                        : catchUp.caughtUpPerWebhook(behind, now), found.nothingDue());
            });
        }
        if (claim) {
            nothingDue = turn.nothingDue();
        }
        int recorded = afterRecordCommitted(finished, outcomes.recordHealth(finished, now));
        List<ClaimedDelivery> claimed = turn.claimed();
        claimedFullBatch = capacity > 0 && claimed.size() == capacity && capacity == settings.claimBatch();
        try {
            int queued = queueInLanes(claimed, leaseUntil);
            // after what the claim took is in the lanes: a hand-off from now on comes after it
            turn.caughtUp().forEach(catchUp::catchUp);
            return recorded + queued;
        } finally {
            forgetIdle(now);
        }
    }

    boolean moreDue() {
        return claimedFullBatch;
    }

    int inFlight() {
        return ledger.claimedInAll() + state.handedInAll.get();
    }

    /** See {@link io.basehook.application.port.in.DeliverWebhooksUseCase#drain(Duration)}. */
    void drain(Duration timeout) {
        state.draining = true;
        // what waits for a slot is not started any more: it goes back at once, for any instance to send
        for (WebhookLane lane : state.lanes.values()) {
            synchronized (lane) {
                state.lapsed.addAll(lane.waiting);
                lane.waiting.clear();
                // held back or not, committed batches go back too (those still open do when they commit)
                lane.stopHoldingBackAll(state);
            }
        }
        Instant deadline = state.clock.instant().plus(timeout);
        while (inFlight() > 0 && state.clock.instant().isBefore(deadline)) {
            try {
                recordWithoutClaim();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record finished attempts while draining; retrying", e);
            }
        }
        try {
            recordWithoutClaim();
        } catch (RuntimeException e) {
            // their leases expire and another instance (or the next start) sends them again
            LOG.log(Level.WARNING, "Could not record the last attempts before stopping", e);
        }
    }

    /** Records what finished and gives back what lapsed, in a transaction of its own (while draining). */
    private int recordWithoutClaim() {
        ledger.collect();
        if (ledger.unrecorded().isEmpty() && ledger.unreleased().isEmpty()) {
            return 0;
        }
        Instant now = state.clock.instant();
        List<DeliveryOutcome> finished = outcomes.of(ledger.unrecorded(), now);
        transactions.inTransaction(() -> {
            giveBack(now);
            outcomes.record(finished);
            return null;
        });
        int recorded = afterRecordCommitted(finished, outcomes.recordHealth(finished, now));
        forgetIdle(now);
        return recorded;
    }

    /** In the turn's transaction: the lapsed deliveries are due again at once, for any instance. */
    private void giveBack(Instant now) {
        Map<Instant, List<DeliveryId>> byLease = new HashMap<>();
        for (HeldDelivery back : ledger.unreleased()) {
            byLease.computeIfAbsent(back.leaseUntil(), lease -> new ArrayList<>()).add(back.delivery().id());
        }
        byLease.forEach((leaseUntil, ids) -> claims.release(ids, leaseUntil, now));
    }

    /**
     * After the transaction that recorded {@code finished} (and gave back what lapsed) committed: frees what they
     * held, and parks what is due of the webhooks it {@code disabled}.
     */
    private int afterRecordCommitted(List<DeliveryOutcome> finished, List<WebhookId> disabled) {
        outcomes.counted(finished);
        int recorded = ledger.freeRecorded();
        outcomes.parkDisabled(disabled);
        return recorded;
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
        Map<WebhookId, WebhookLane> touched = new LinkedHashMap<>();
        for (ClaimedDelivery delivery : claimed) {
            Webhook webhook = targets.get(delivery.webhookId());
            if (webhook == null) {
                continue; // deleted since: its deliveries went with it
            }
            if (!webhook.enabled()) {
                parked.add(delivery.id());
                continue;
            }
            touched.put(webhook.id(), queueClaimed(new HeldDelivery(delivery, webhook, leaseUntil, false)));
        }
        touched.values().forEach(sending::startWaiting);
        if (!parked.isEmpty()) {
            parking.park(parked);
        }
        return claimed.size();
    }

    /** Queues a claimed delivery in its webhook's lane. */
    private WebhookLane queueClaimed(HeldDelivery delivery) {
        ledger.claimed(delivery);
        return state.inLane(delivery.delivery().webhookId(), state.clock.instant(), lane -> {
            lane.queueClaimed(delivery, state);
            return lane;
        });
    }

    /**
     * A lane that has held nothing for {@link #LANE_KEEP} goes, and with it the webhook's pace (learnt again when
     * it is busy) and its hand-offs (until a claim has caught a new lane up).
     */
    private void forgetIdle(Instant now) {
        state.lanes.values().removeIf(lane -> {
            synchronized (lane) {
                if (ledger.holdsClaimed(lane.webhookId) || !lane.idle()
                        || now.isBefore(lane.lastUsed.plus(LANE_KEEP))) {
                    return false;
                }
                lane.retired = true;
                return true;
            }
        });
        state.pace.forgetAllBut(state.lanes);
    }
}
