package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One write's hand-off: its batches, one per webhook that took it, and the lanes it queues due for. Filled in the
 * write's transaction, ended once by its commit or its rollback.
 */
final class WriteHandoff implements DeliveryHandoff.Reservation {

    private final EngineState state;
    private final LaneSender sending;
    private final List<Webhook> targets;
    private final Map<WebhookId, HandedOffBatch> granted;
    private final List<WebhookLane> due;
    private boolean ended;

    WriteHandoff(EngineState state, LaneSender sending, List<Webhook> targets, Map<WebhookId, HandedOffBatch> granted,
                 List<WebhookLane> due) {
        this.state = state;
        this.sending = sending;
        this.targets = targets;
        this.granted = granted;
        this.due = due;
    }

    @Override
    public Instant leasedUntil(WebhookId webhookId) {
        HandedOffBatch batch = granted.get(webhookId);
        return batch == null ? null : batch.leaseUntil;
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
                HandedOffBatch batch = granted.get(webhook.id());
                if (batch != null) {
                    batch.firstSeq = Math.min(batch.firstSeq, event.seq());
                    batch.deliveries.add(new HeldDelivery(new ClaimedDelivery(id, webhook.id(), event.baseId(),
                            event.seq(), event.id(), 0, 0, event.payload()), batch.webhook, batch.leaseUntil, true));
                }
            }
        }
    }

    @Override
    public void committed() {
        if (!end()) {
            return;
        }
        List<WebhookLane> ready = new ArrayList<>(granted.size());
        boolean heldBack = false;
        for (HandedOffBatch batch : granted.values()) {
            WebhookLane lane = batch.lane;
            synchronized (lane) {
                heldBack |= batch.heldBack > 0;
                // a batch never filled (it cannot be, after a commit) would hold its count forever
                int missing = batch.size - batch.deliveries.size();
                lane.handed -= missing;
                if (batch.heldBack > 0) {
                    lane.heldBack -= missing;
                    batch.heldBack -= missing;
                }
                state.handedInAll.addAndGet(-missing);
                long filled = 0;
                for (HeldDelivery held : batch.deliveries) {
                    filled += held.bytes();
                }
                state.handedBytes.addAndGet(filled - batch.bytes);
                batch.committed = true;
                lane.releaseCommittedHead(state);
            }
            ready.add(lane);
        }
        // on the committing thread: the sends are asynchronous, so starting them here is cheaper than a thread hop
        ready.forEach(sending::startWaiting);
        due.forEach(WebhookLane::endWritingDue);
        if (heldBack) {
            // a claim catches the lane up and lets them start: now, not at the loop's next poll
            state.wakeup.wake();
        }
    }

    @Override
    public void rolledBack() {
        if (!end()) {
            return;
        }
        for (HandedOffBatch batch : granted.values()) {
            WebhookLane lane = batch.lane;
            synchronized (lane) {
                lane.stopHoldingBack(batch);
                lane.batches.remove(batch);
                lane.handed -= batch.size;
                lane.releaseCommittedHead(state);
            }
            state.handedInAll.addAndGet(-batch.size);
            state.handedBytes.addAndGet(-batch.bytes);
            sending.startWaiting(lane);
        }
        due.forEach(WebhookLane::endWritingDue);
    }

    private synchronized boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }
}
