package io.basehook.application.delivery;

import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.List;

/**
 * Hands the deliveries a content write queues straight to this instance's delivery lanes: they are written leased
 * to this instance, in the transaction of the change, and start once it commits, without a claim. The database row
 * stays the guarantee: if this instance dies first, the lease runs out and any instance claims them.
 * Implemented by {@link DeliveryEngine}; see there for which webhooks take hand-offs.
 */
public interface DeliveryHandoff {

    /** Hands nothing off: every delivery is due at once, for whichever instance claims it. */
    DeliveryHandoff NONE = new DeliveryHandoff() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public Reservation reserve(List<Webhook> targets, int events, long bytes, Instant now) {
            throw new IllegalStateException("no hand-off");
        }

        @Override
        public Runnable dueInDatabase(WebhookId webhookId) {
            return () -> { };
        }
    };

    /** Whether any write may be handed off (else the writer need not read its targets). */
    boolean active();

    /**
     * In the write's transaction, with the base locked (so the reservations of one base come in {@code seq}
     * order): which of {@code targets}, the base's webhooks enabled now, take the write's {@code events}
     * deliveries directly, whose payloads weigh {@code bytes} for each target. The caller must end it with
     * {@link Reservation#committed()} or {@link Reservation#rolledBack()}.
     */
    Reservation reserve(List<Webhook> targets, int events, long bytes, Instant now);

    /**
     * In a transaction that makes deliveries of the webhook due behind the lanes' back (it was enabled again, and
     * its parked deliveries resumed): hand-offs are held back until a claim has taken them, or they would go
     * first.
     *
     * @return to run once that transaction has ended, committed or not
     */
    Runnable dueInDatabase(WebhookId webhookId);

    /** One write's hand-off. */
    interface Reservation {

        /** Until when the webhook's deliveries of this write are leased to this instance; null: not handed off. */
        Instant leasedUntil(WebhookId webhookId);

        /** Whether no target takes the write's deliveries directly. */
        boolean none();

        /** Whether every target takes them directly (nothing is left for a claim). */
        boolean all();

        /**
         * After the insert, in the transaction: the events and the ids of their deliveries, event by event, each
         * to the targets in the order they were reserved with.
         */
        void fill(List<StoredEvent> events, List<DeliveryId> ids);

        /** After the commit: the handed-off deliveries start (held back ones once the older due are claimed). */
        void committed();

        /** After a rollback (or an unknown outcome): nothing is sent, and what was reserved is free again. */
        void rolledBack();
    }
}
