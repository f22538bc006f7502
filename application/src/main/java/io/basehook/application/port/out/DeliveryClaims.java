package io.basehook.application.port.out;

import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the delivery engine of any instance takes due deliveries to send: a claim leases them to this instance, and a
 * lease that runs out (the instance died) makes them due again for any other. Two claims never hold one delivery
 * at once.
 */
public interface DeliveryClaims {

    /**
     * In the caller's transaction (or its own without one), which must commit before anything claimed is sent:
     * takes due open deliveries (oldest due first, then by id, so a webhook's deliveries are first attempted in
     * {@code seq} order), at most {@code limit} in all and per webhook at most its {@code room} (a webhook not in
     * the map: {@code roomOfOthers}), skipping rows another instance holds, and leases them until
     * {@code leaseUntil}: no other claim takes them before. If this instance dies, the lease expires and another
     * instance takes them.
     * Their payloads weigh at most {@code maxBytes} together (each delivery counted in full), except that the first
     * is taken however large it is; what the bytes leave out stays due. The answer also tells whether the claim saw
     * every delivery that was due when it looked.
     */
    Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil,
                long maxBytes);

    /** {@link #claim(int, Map, int, Instant, Instant, long)} with no bound on the payloads' bytes. */
    default Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil) {
        return claim(limit, room, roomOfOthers, now, leaseUntil, Long.MAX_VALUE);
    }

    /**
     * In the caller's transaction (or its own without one): gives back claimed deliveries that were not sent,
     * due at {@code now}, so any instance may take them at once. Only a delivery still under the lease
     * {@code leaseUntil} of that claim is touched; one whose lease ran out belongs to whoever took it next.
     */
    void release(Collection<DeliveryId> ids, Instant leaseUntil, Instant now);

    /**
     * Of {@code webhookIds}, those with no delivery due at {@code now} (a leased one is not due), in the caller's
     * transaction. After a claim whose head did not reach everything due (another webhook's backlog filled it),
     * this is how a lane that is behind learns it is caught up: without it, a new lane waited for as long as any
     * other webhook had a backlog.
     */
    Set<WebhookId> withNothingDue(Collection<WebhookId> webhookIds, Instant now);

    /**
     * What a claim took, in claim order. {@code sawAllDue}: nothing due was left unseen, so a webhook that took
     * fewer than its room has nothing due left but what other instances hold. {@code nothingDue}: nothing at all
     * was due when it looked, not even deliveries it could not take (no room, locked by another instance); until
     * something is queued due or comes due, another claim would find nothing either.
     */
    record Claim(List<ClaimedDelivery> deliveries, boolean sawAllDue, boolean nothingDue) {
        public static final Claim NONE = new Claim(List.of(), false, false);

        public Claim {
            deliveries = List.copyOf(deliveries);
            if (nothingDue && (!deliveries.isEmpty() || !sawAllDue)) {
                throw new IllegalArgumentException("a claim that found nothing due took nothing and saw all");
            }
        }
    }
}
